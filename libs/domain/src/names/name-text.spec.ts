import fc from 'fast-check';
import { isWellFormedUnicode, nameProblem } from './name-text';

/** Characters that show nothing: every one of them alone, or any mix, is not a name. */
const INVISIBLE = [
  ' ',
  '\t',
  '\u00a0', // no-break space
  '\u00ad', // soft hyphen
  '\u034f', // combining grapheme joiner
  '\u115f', // Hangul choseong filler
  '\u1160', // Hangul jungseong filler
  '\u180e', // Mongolian vowel separator
  '\u2000',
  '\u200a',
  '\u200b', // zero-width space
  '\u200c', // zero-width non-joiner
  '\u200d', // zero-width joiner
  '\u200e', // left-to-right mark
  '\u2060', // word joiner
  '\u2063', // invisible separator
  '\u3000', // ideographic space
  '\u3164', // Hangul filler
  '\u2800', // Braille blank
  '\ufe0f', // variation selector
  '\ufeff', // byte order mark
  '\uffa0', // half-width Hangul filler
  '\u{e0020}', // tag space
] as const;

const invisibleOnly = fc
  .array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 12 })
  .map((a) => a.join(''));

const REAL_NAMES = [
  'Sam',
  'Zoë',
  "O'Brien",
  'Jean-Luc',
  '李小龙',
  'Σωκράτης',
  'محمد',
  'שרה',
  'Ngũgĩ',
  '🏃 Team',
  'A',
];

describe('nameProblem', () => {
  it.each(REAL_NAMES)('accepts %s', (name) => {
    expect(nameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'must not be blank'],
    ['   ', 'must not be blank'],
    ['\u200b', 'must contain visible characters, not only invisible ones'],
    ['\u3164\u3164', 'must contain visible characters, not only invisible ones'],
    ['Sam\nSmith', 'must not contain line breaks'],
    ['Sam\r', 'must not contain line breaks'],
    ['Sam\u2028', 'must not contain line breaks'],
    ['Sam\u0000', 'must not contain control characters'],
    ['Sam\u0007', 'must not contain control characters'],
    ['Sam\u009b', 'must not contain control characters'],
    ['Sam\tSmith', 'must not contain control characters'],
    ['Sam\ud800', 'must be valid Unicode text'],
    ['\udc00Sam', 'must be valid Unicode text'],
    ['evil\u202emoc.knab', 'must not contain text-direction override characters'],
    ['Sam\u2066', 'must not contain text-direction override characters'],
  ])('refuses %j: %s', (name, message) => {
    expect(nameProblem(name)).toBe(message);
  });

  it('refuses any name made only of whitespace and invisible characters', () => {
    fc.assert(fc.property(invisibleOnly, (name) => nameProblem(name) !== null));
  });

  it('accepts a real name wrapped in any invisible characters, minus controls (the caller trims)', () => {
    const padding = invisibleOnly.filter((s) => !/[\t]/.test(s));
    fc.assert(
      fc.property(fc.constantFrom(...REAL_NAMES), padding, padding, (name, before, after) => {
        expect(nameProblem(`${before}${name}${after}`)).toBeNull();
      }),
    );
  });

  it('refuses every text with a control character, wherever it is', () => {
    const control = fc
      .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
      .map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string(), control, fc.string(), (before, c, after) => {
        expect(nameProblem(`${before}${c}${after}`)).not.toBeNull();
      }),
    );
  });

  it('accepts any letters, however many invisible characters sit between them', () => {
    const letter = fc.constantFrom('a', 'Z', 'é', 'ß', 'ж', '李', 'ا', 'ש', '😀', '७');
    const gap = fc.option(
      invisibleOnly.filter((s) => !s.includes('\t')),
      { nil: '' },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(letter, gap), { minLength: 1, maxLength: 8 }), (parts) => {
        expect(nameProblem(parts.map(([l, g]) => l + g).join(''))).toBeNull();
      }),
    );
  });
});

describe('isWellFormedUnicode', () => {
  it('tells a lone surrogate from a pair', () => {
    expect(isWellFormedUnicode('walk 🚶')).toBe(true);
    expect(isWellFormedUnicode('\ud83d')).toBe(false);
    expect(isWellFormedUnicode('\ude76')).toBe(false);
    expect(isWellFormedUnicode('\ude76\ud83d')).toBe(false);
  });

  it('agrees with a UTF-8 round trip for any sequence of code units', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 3 }),
        (text, units) => {
          const mixed = text + String.fromCharCode(...units);
          const roundTrips = Buffer.from(mixed, 'utf8').toString('utf8') === mixed;
          expect(isWellFormedUnicode(mixed)).toBe(roundTrips);
        },
      ),
    );
  });
});
