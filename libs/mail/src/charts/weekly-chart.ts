import { PNG } from 'pngjs';

/** One day of the week as the chart shows it. `pain` is the 0-10 knee pain score, if one was given. */
export interface WeeklyChartDay {
  label: string;
  minutes: number;
  pain: number | null;
}

type Rgb = readonly [number, number, number];

/** Drawn at twice the size it is shown at (300 CSS px wide), so it stays crisp on phone screens. */
export const WEEKLY_CHART_WIDTH = 600;
export const WEEKLY_CHART_HEIGHT = 240;
/** The width, in CSS px, the email shows the chart at. */
export const WEEKLY_CHART_DISPLAY_WIDTH = 300;

export const WEEKLY_CHART_COLOURS = {
  background: [0xff, 0xff, 0xff],
  bar: [0x1f, 0x6f, 0x5a],
  baseline: [0xc4, 0xc9, 0xcf],
  grid: [0xec, 0xee, 0xf0],
  noWalk: [0xa3, 0xaa, 0xb2],
  pain: [0xc2, 0x41, 0x0c],
} as const satisfies Record<string, Rgb>;

const C = WEEKLY_CHART_COLOURS;

// Plot area, in image pixels. The top margin leaves room for a pain marker at 10 out of 10.
const MARGIN_X = 2;
const PLOT_TOP = 22;
const BASELINE_Y = 212;
const PLOT_HEIGHT = BASELINE_Y - PLOT_TOP;
/** Minutes never scale below this, so a short first week does not draw full-height bars. */
const MIN_SCALE_MINUTES = 30;
const PAIN_RADIUS = 11;
const PAIN_RING = 3;

class Canvas {
  readonly png: PNG;

  constructor(width: number, height: number, background: Rgb) {
    this.png = new PNG({ width, height });
    for (let offset = 0; offset < this.png.data.length; offset += 4) {
      this.png.data[offset] = background[0];
      this.png.data[offset + 1] = background[1];
      this.png.data[offset + 2] = background[2];
      this.png.data[offset + 3] = 0xff;
    }
  }

  /** Mixes `colour` into one pixel with the given coverage (0 to 1); full coverage sets it exactly. */
  blend(x: number, y: number, colour: Rgb, coverage: number): void {
    if (!Number.isInteger(x) || !Number.isInteger(y) || coverage <= 0) return;
    if (x < 0 || y < 0 || x >= this.png.width || y >= this.png.height) return;
    const offset = (y * this.png.width + x) * 4;
    const a = Math.min(1, coverage);
    for (let channel = 0; channel < 3; channel += 1) {
      const under = this.png.data[offset + channel] ?? 0;
      this.png.data[offset + channel] = Math.round(under + (colour[channel]! - under) * a);
    }
  }

  fillRect(x: number, y: number, width: number, height: number, colour: Rgb): void {
    const [left, top] = [Math.round(x), Math.round(y)];
    for (let py = Math.max(0, top); py < Math.min(this.png.height, top + height); py += 1) {
      for (let px = Math.max(0, left); px < Math.min(this.png.width, left + width); px += 1) {
        this.blend(px, py, colour, 1);
      }
    }
  }

  /**
   * Fills a shape given by its signed distance function (negative inside), with one pixel of
   * anti-aliasing at the edge. Pixels fully inside get exactly `colour`.
   */
  fillShape(
    bounds: { x0: number; y0: number; x1: number; y1: number },
    colour: Rgb,
    distance: (cx: number, cy: number) => number,
  ): void {
    for (let py = Math.floor(bounds.y0) - 1; py <= Math.ceil(bounds.y1); py += 1) {
      for (let px = Math.floor(bounds.x0) - 1; px <= Math.ceil(bounds.x1); px += 1) {
        this.blend(px, py, colour, 0.5 - distance(px + 0.5, py + 0.5));
      }
    }
  }

  fillCircle(cx: number, cy: number, radius: number, colour: Rgb): void {
    this.fillShape(
      { x0: cx - radius, y0: cy - radius, x1: cx + radius, y1: cy + radius },
      colour,
      (x, y) => Math.hypot(x - cx, y - cy) - radius,
    );
  }

  /** A bar standing on `bottom`, with its top corners rounded. */
  fillBar(x0: number, x1: number, top: number, bottom: number, radius: number, colour: Rgb): void {
    const r = Math.min(radius, (x1 - x0) / 2, bottom - top);
    this.fillShape({ x0, y0: top, x1, y1: bottom }, colour, (x, y) => {
      if (y > bottom) return y - bottom + 0.5;
      const innerX = Math.max(x0 + r - x, 0, x - (x1 - r));
      const innerY = Math.max(top + r - y, 0);
      if (innerX > 0 && innerY > 0) return Math.hypot(innerX, innerY) - r;
      return Math.max(x0 - x, x - x1, top - y);
    });
  }
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

/**
 * Renders the week as a small PNG for the weekly summary email: one green bar per day for the
 * minutes walked (scaled to at least 30 minutes), a grey tick for a day without a walk, and the knee
 * pain score as an orange marker on its own 0-10 scale, with a dotted line between markers on
 * neighbouring days. It has no text: the email says the same in words and in the image's alt text.
 * The output depends only on `days`, so the same week always gives the same bytes.
 */
export function renderWeeklyChartPng(days: readonly WeeklyChartDay[]): Buffer {
  const canvas = new Canvas(WEEKLY_CHART_WIDTH, WEEKLY_CHART_HEIGHT, C.background);
  const slotWidth = (WEEKLY_CHART_WIDTH - 2 * MARGIN_X) / Math.max(1, days.length);
  const barWidth = Math.round(Math.min(56, slotWidth * 0.56));
  const scale = Math.max(MIN_SCALE_MINUTES, ...days.map((day) => clamp(day.minutes, 0, Infinity)));

  // Faint gridlines at a quarter, half and three quarters of the scale, then a firmer baseline.
  for (const fraction of [0.25, 0.5, 0.75, 1]) {
    const y = Math.round(BASELINE_Y - PLOT_HEIGHT * fraction);
    canvas.fillRect(MARGIN_X, y, WEEKLY_CHART_WIDTH - 2 * MARGIN_X, 2, C.grid);
  }

  const centres = days.map((_, index) => Math.round(MARGIN_X + slotWidth * (index + 0.5)));

  days.forEach((day, index) => {
    const centre = centres[index]!;
    const x0 = centre - barWidth / 2;
    const minutes = clamp(day.minutes, 0, Infinity);
    if (minutes > 0) {
      // At least 6px, so a one-minute walk still shows as a walk and not as an empty day.
      const height = Math.max(6, Math.round((minutes / scale) * PLOT_HEIGHT));
      canvas.fillBar(x0, x0 + barWidth, BASELINE_Y - height, BASELINE_Y, 8, C.bar);
    } else {
      const tickWidth = Math.round(barWidth * 0.4);
      canvas.fillRect(centre - tickWidth / 2, BASELINE_Y - 6, tickWidth, 6, C.noWalk);
    }
  });

  canvas.fillRect(MARGIN_X, BASELINE_Y, WEEKLY_CHART_WIDTH - 2 * MARGIN_X, 3, C.baseline);

  const markers = days.map((day, index) =>
    day.pain === null
      ? null
      : { x: centres[index]!, y: BASELINE_Y - (clamp(day.pain, 0, 10) / 10) * PLOT_HEIGHT },
  );

  // Dotted line between markers on neighbouring days, drawn before the markers so they sit on top.
  markers.forEach((from, index) => {
    const to = markers[index + 1];
    if (from === null || to === null || to === undefined) return;
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const gap = PAIN_RADIUS + PAIN_RING + 4;
    for (let along = gap; along <= length - gap; along += 9) {
      const t = along / length;
      canvas.fillCircle(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t, 2, C.pain);
    }
  });

  for (const marker of markers) {
    if (marker === null) continue;
    // A white ring keeps the marker readable where it sits on top of a green bar.
    canvas.fillCircle(marker.x, marker.y, PAIN_RADIUS + PAIN_RING, C.background);
    canvas.fillCircle(marker.x, marker.y, PAIN_RADIUS, C.pain);
  }

  // One fixed filter (Sub) instead of trying all five per row: flat colour runs compress as well, and
  // encoding is several times faster (it runs once per participant per week).
  return PNG.sync.write(canvas.png, { colorType: 2, filterType: 1 });
}
