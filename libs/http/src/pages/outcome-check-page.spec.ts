import { renderOutcomeCheckPage } from './outcome-check-page';

const base = {
  organizationName: 'Knees & <Co>',
  firstName: '<Sam>',
  week: 0,
  knownActivities: [],
  globalChangeOptions: [
    ['much_worse', 'Much worse'],
    ['much_better', 'Much better'],
  ] as const,
  formAction: '/p/outcome-baseline/abc.123.sig',
  openUntil: 'Monday 18 January',
};

describe('outcome check page', () => {
  it('asks for pain and up to three new activities at the start, with no script and nothing inline', () => {
    const html = renderOutcomeCheckPage({ ...base, timepoint: 'baseline' });
    expect(html).toContain('action="/p/outcome-baseline/abc.123.sig"');
    expect(html.match(/name="pain" value="\d+" required/g)).toHaveLength(11);
    expect(html.match(/name="activity\d"/g)).toHaveLength(3);
    expect(html.match(/maxlength="60"/g)).toHaveLength(3);
    expect(html).not.toContain('globalChange');
    expect(html).not.toMatch(/<script|\son\w+=|style="/i);
    expect(html).toContain('&lt;Sam&gt;');
    expect(html).not.toContain('<Sam>');
  });

  it('asks later about the activities named before, by name, and for the rating of change', () => {
    const html = renderOutcomeCheckPage({
      ...base,
      timepoint: 'dose_end',
      week: 6,
      knownActivities: ['Climbing <stairs>', 'Kneeling'],
    });
    expect(html).toContain('Week 6: how is your knee now, &lt;Sam&gt;?');
    expect(html).toContain('Climbing &lt;stairs&gt;');
    expect(html.match(/name="score0" value="\d+" required/g)).toHaveLength(11);
    expect(html.match(/name="score1" value="\d+" required/g)).toHaveLength(11);
    expect(html).not.toContain('name="activity0"');
    expect(html.match(/name="globalChange" value="[a-z_]+" required/g)).toHaveLength(2);
  });
});
