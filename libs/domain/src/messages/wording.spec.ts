import { describeLevel, describeLocalDate, describeReminderSchedule } from './wording';

describe('wording', () => {
  it('lists the chosen days in week order, whatever order they were given in', () => {
    expect(describeReminderSchedule({ days: ['fri', 'mon', 'wed'], time: '07:30' }, 'America/New_York')).toBe(
      'Mondays, Wednesdays and Fridays at 07:30, America/New_York time',
    );
  });

  it('says one day and every day plainly', () => {
    expect(describeReminderSchedule({ days: ['sun'], time: '18:00' }, 'UTC')).toBe(
      'Sundays at 18:00, UTC time',
    );
    expect(
      describeReminderSchedule(
        { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], time: '06:05' },
        'UTC',
      ),
    ).toBe('Every day at 06:05, UTC time');
  });

  it('names a local date the way people say it', () => {
    expect(describeLocalDate('2027-03-10')).toBe('Wednesday 10 March');
    expect(describeLocalDate('2028-02-29')).toBe('Tuesday 29 February');
  });

  it('names a level the same way everywhere', () => {
    expect(describeLevel({ level: 2, name: 'Free-standing' })).toBe('Free-standing (Level 2)');
  });
});
