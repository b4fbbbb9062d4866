import fc from 'fast-check';
import { mailHeaderNameProblem } from './mail-header-name';
import { nameProblem } from './name-text';

describe('mailHeaderNameProblem', () => {
  it.each([
    'Acme Wellbeing team',
    'Zoë at Acme',
    'Physio & Co.',
    'Acme, Inc.',
    "Sam's clinic",
    'Fit (UK)',
    '李 Clinic',
  ])('accepts %s', (name) => {
    expect(mailHeaderNameProblem(name)).toBeNull();
  });

  it.each([
    ['Acme \\', 'must not contain a backslash'],
    ['Ac\\me', 'must not contain a backslash'],
    [
      '=?utf-8?q?Bank_=3Calerts@bank.test=3E?=',
      'must not contain "=?" (mail clients read it as an encoded word)',
    ],
    [
      '=?UTF-8?B?PGV2aWxAYXR0YWNrZXIudGVzdD4=?=',
      'must not contain "=?" (mail clients read it as an encoded word)',
    ],
    ['Evil <x@y>', 'must not contain < > " or @'],
    ['Quote " me', 'must not contain < > " or @'],
    ['alerts@bank.test', 'must not contain < > " or @'],
    ['Acme\u200f', 'must not contain text-direction marks'],
    ['Acme\r\nBcc: x@y', 'must not contain line breaks'],
    ['\u200b\u200b', 'must contain visible characters, not only invisible ones'],
    ['  ', 'must not be blank'],
  ])('refuses %j: %s', (name, message) => {
    expect(mailHeaderNameProblem(name)).toBe(message);
  });

  it('is the name rules and more: never accepts what a name may not be', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (name) => {
        if (nameProblem(name) !== null) expect(mailHeaderNameProblem(name)).toBe(nameProblem(name));
      }),
    );
  });

  it('never accepts a name with a character that can change an address or its quoting', () => {
    const hostile = fc.constantFrom('<', '>', '"', '@', '\\', '=?', '\r', '\n', '\u0000', '\u200e');
    fc.assert(
      fc.property(
        fc.string({ maxLength: 15 }),
        hostile,
        fc.string({ maxLength: 15 }),
        (before, bad, after) => {
          expect(mailHeaderNameProblem(`Acme${before}${bad}${after}`)).not.toBeNull();
        },
      ),
    );
  });
});
