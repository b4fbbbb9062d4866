import fc from 'fast-check';
import { addDays, localParts } from '../schedule/local-time';
import { ZONES } from '../schedule/zone-oracle.spec-helper';
import { checkInDayChoices, loggableDays, walkTimeForDay } from './check-in-day';

const NOW = new Date('2027-05-05T18:00:00Z'); // Wednesday, 19:00 in London

describe('checkInDayChoices', () => {
  it('offers today and yesterday, today chosen, when the link names no day', () => {
    expect(checkInDayChoices({ now: NOW, timezone: 'Europe/London', walkedAt: [] })).toEqual([
      { date: '2027-05-05', label: 'Today, Wednesday 5 May', logged: false, preselected: true },
      { date: '2027-05-04', label: 'Yesterday, Tuesday 4 May', logged: false, preselected: false },
    ]);
  });

  it("adds an older reminder's day, chosen, and marks days that already have a walk", () => {
    const choices = checkInDayChoices({
      now: NOW,
      timezone: 'Europe/London',
      reminderDay: '2027-05-03',
      walkedAt: [new Date('2027-05-03T06:45:00Z'), new Date('2027-05-04T22:30:00Z')], // Mon; Tue 23:30
    });
    expect(choices).toEqual([
      { date: '2027-05-05', label: 'Today, Wednesday 5 May', logged: false, preselected: false },
      { date: '2027-05-04', label: 'Yesterday, Tuesday 4 May', logged: true, preselected: false },
      {
        date: '2027-05-03',
        label: 'Monday 3 May, the day of your reminder',
        logged: true,
        preselected: true,
      },
    ]);
  });

  it("ignores a reminder's day that is today, too old, in the future or not a date", () => {
    for (const reminderDay of ['2027-05-05', '2027-04-28', '2027-05-06', 'monday', '2027-02-30', null]) {
      const choices = checkInDayChoices({ now: NOW, timezone: 'Europe/London', reminderDay, walkedAt: [] });
      expect(choices.map((c) => c.date)).toEqual(['2027-05-05', '2027-05-04']);
      expect(choices.filter((c) => c.preselected).map((c) => c.date)).toEqual(['2027-05-05']);
    }
  });

  it('in every zone and at every moment: distinct days, one chosen, the walk lands on its day', () => {
    const instant = fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2035-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(...ZONES),
        fc.integer({ min: -2, max: 9 }),
        time,
        (now, timezone, back, reminderTime) => {
          const today = localParts(now, timezone).date;
          const reminderDay = addDays(today, -back);
          const choices = checkInDayChoices({ now, timezone, reminderDay, walkedAt: [] });
          expect(new Set(choices.map((c) => c.date)).size).toBe(choices.length);
          expect(choices.filter((c) => c.preselected)).toHaveLength(1);
          expect(choices.slice(0, 2).map((c) => c.date)).toEqual([today, addDays(today, -1)]);
          for (const choice of choices) {
            const at = walkTimeForDay(choice.date, { now, timezone, reminderTime })!;
            expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
            expect(now.getTime() - at.getTime()).toBeLessThan(7 * 86_400_000);
            // Kept within the 7 days, a walk on the oldest day may move to its start; never to another day.
            expect(loggableDays(now, timezone)).toContain(localParts(at, timezone).date);
            if (choice.date !== addDays(today, -6)) expect(localParts(at, timezone).date).toBe(choice.date);
          }
          expect(walkTimeForDay(addDays(today, 1), { now, timezone, reminderTime })).toBeNull();
          expect(walkTimeForDay(addDays(today, -7), { now, timezone, reminderTime })).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
