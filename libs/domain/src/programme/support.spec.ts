import { AUDIENCES } from './audience';
import { DEFAULT_PROGRAMME_CONFIG } from './config';
import { SUPPORT_ADVICE_TEXT, supportFor } from './support';

describe('supportFor', () => {
  it('has everyone hold on at the supported start', () => {
    for (const audience of AUDIENCES) {
      expect(supportFor(1, audience, DEFAULT_PROGRAMME_CONFIG)).toBe('hold_on');
    }
  });

  it('keeps older adults holding on up to level 3 by default', () => {
    expect([1, 2, 3, 4].map((level) => supportFor(level, 'older_adult', DEFAULT_PROGRAMME_CONFIG))).toEqual([
      'hold_on',
      'hold_on',
      'hold_on',
      'if_needed',
    ]);
    expect(supportFor(2, 'general', DEFAULT_PROGRAMME_CONFIG)).toBe('if_needed');
  });

  it('follows the configured older-adult level', () => {
    const config = { ...DEFAULT_PROGRAMME_CONFIG, olderAdultKeepSupportUntilLevel: 1 };
    expect(supportFor(2, 'older_adult', config)).toBe('if_needed');
  });

  it('keeps the handrail within reach on the treadmill', () => {
    expect(supportFor(5, 'athlete', DEFAULT_PROGRAMME_CONFIG)).toBe('within_reach');
  });

  it('has text for each kind of advice', () => {
    expect(Object.keys(SUPPORT_ADVICE_TEXT).sort()).toEqual(['hold_on', 'if_needed', 'within_reach']);
  });
});
