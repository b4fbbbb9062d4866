import { PNG } from 'pngjs';
import {
  WEEKLY_CHART_COLOURS,
  WEEKLY_CHART_HEIGHT,
  WEEKLY_CHART_WIDTH,
  renderWeeklyChartPng,
  type WeeklyChartDay,
} from './weekly-chart';

const week: WeeklyChartDay[] = [
  { label: 'Mon', minutes: 10, pain: 4 },
  { label: 'Tue', minutes: 0, pain: null },
  { label: 'Wed', minutes: 25, pain: 3 },
  { label: 'Thu', minutes: 0, pain: null },
  { label: 'Fri', minutes: 5, pain: null },
  { label: 'Sat', minutes: 0, pain: null },
  { label: 'Sun', minutes: 40, pain: 2 },
];

/** Pixels of exactly `colour` in each day's vertical slice of the image. */
function countPerDay(png: PNG, days: number, colour: readonly number[]): number[] {
  const counts = new Array<number>(days).fill(0);
  const slice = png.width / days;
  const [r, g, b] = colour;
  const data = png.data;
  for (let offset = 0; offset < data.length; offset += 4) {
    if (data[offset] === r && data[offset + 1] === g && data[offset + 2] === b) {
      const day = Math.min(days - 1, Math.floor(((offset / 4) % png.width) / slice));
      counts[day] = (counts[day] ?? 0) + 1;
    }
  }
  return counts;
}

describe('renderWeeklyChartPng', () => {
  const buffer = renderWeeklyChartPng(week);
  const png = PNG.sync.read(buffer);

  it('returns a PNG of the documented size', () => {
    expect(buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.width).toBe(WEEKLY_CHART_WIDTH);
    expect(png.height).toBe(WEEKLY_CHART_HEIGHT);
  });

  it('draws a taller green bar for a day with more minutes', () => {
    const [mon, , wed, , fri, , sun] = countPerDay(png, week.length, WEEKLY_CHART_COLOURS.bar);
    expect(fri).toBeGreaterThan(0);
    expect(mon).toBeGreaterThan(fri!);
    expect(wed).toBeGreaterThan(mon!);
    expect(sun).toBeGreaterThan(wed!);
  });

  it('draws no green on days without a walk, only a grey tick', () => {
    const green = countPerDay(png, week.length, WEEKLY_CHART_COLOURS.bar);
    const grey = countPerDay(png, week.length, WEEKLY_CHART_COLOURS.noWalk);
    for (const day of [1, 3, 5]) {
      expect(green[day]).toBe(0);
      expect(grey[day]).toBeGreaterThan(0);
    }
    expect(grey[0]).toBe(0);
  });

  it('marks the pain score in orange only on days that have one', () => {
    const orange = countPerDay(png, week.length, WEEKLY_CHART_COLOURS.pain);
    week.forEach((day, index) => {
      if (day.pain === null) {
        expect(orange[index]).toBeLessThan(20); // at most a few dots of a joining line
      } else {
        expect(orange[index]).toBeGreaterThan(200);
      }
    });
  });

  it('scales to at least 30 minutes, so a short week does not fill the chart', () => {
    const chart = PNG.sync.read(
      renderWeeklyChartPng([
        { label: 'Mon', minutes: 15, pain: null },
        { label: 'Tue', minutes: 30, pain: null },
      ]),
    );
    const [shortBar, fullBar] = countPerDay(chart, 2, WEEKLY_CHART_COLOURS.bar);
    expect(shortBar! / fullBar!).toBeCloseTo(0.5, 1);
  });

  it('is deterministic and copes with an empty week and out-of-range values', () => {
    expect(renderWeeklyChartPng(week).equals(buffer)).toBe(true);
    expect(() => PNG.sync.read(renderWeeklyChartPng([]))).not.toThrow();
    const odd = renderWeeklyChartPng([
      { label: 'Mon', minutes: -5, pain: 14 },
      { label: 'Tue', minutes: Number.NaN, pain: -1 },
    ]);
    const counts = countPerDay(PNG.sync.read(odd), 2, WEEKLY_CHART_COLOURS.bar);
    expect(counts).toEqual([0, 0]);
  });
});
