import {
  isLocalTime,
  isValidTimeZone,
  mailHeaderNameProblem,
  nameProblem,
  parseInstant,
} from '@retrowalk/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

type Message = string | ((args: { value: unknown }) => string);

function simple(name: string, test: (value: unknown) => boolean, message: Message) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target: object, propertyName: string | symbol) => {
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message, ...options },
        validator: { validate: test },
      });
    };
}

/** An IANA timezone name such as Europe/Berlin; offsets and abbreviations are refused. */
export const IsTimeZone = simple(
  'isTimeZone',
  (v) => typeof v === 'string' && isValidTimeZone(v),
  'must be an IANA timezone name such as Europe/Berlin',
);

/** A moment with its date, time and UTC offset; a date alone is not a moment (see parseInstant). */
export const IsInstant = simple(
  'isInstant',
  (v) => typeof v === 'string' && parseInstant(v) !== null,
  'must be a date and time with its UTC offset, such as 2027-03-03T13:00:00Z or 2027-03-03T08:00:00-05:00',
);

/** Wall-clock time, 24-hour HH:MM. */
export const IsLocalTime = simple(
  'isLocalTime',
  (v) => typeof v === 'string' && isLocalTime(v),
  'must be a time as HH:MM (24-hour), such as 07:30',
);

/** Text that ends up in email headers or bodies must not smuggle in line breaks. */
export const NoLineBreaks = simple(
  'noLineBreaks',
  (v) => typeof v !== 'string' || !/[\r\n]/.test(v),
  'must not contain line breaks',
);

/** A rule whose message says what is wrong with this value (from a domain `...Problem` function). */
function withProblem(name: string, problemOf: (value: string) => string | null) {
  return simple(
    name,
    (v) => typeof v === 'string' && problemOf(v) === null,
    ({ value }) => (typeof value === 'string' ? problemOf(value) : null) ?? 'must be text',
  );
}

/** A name a person typed: not blank, not only invisible characters, no controls (libs/domain). */
export const IsName = withProblem('isName', nameProblem);

/** A name that goes into a mail header as an address's display name (libs/domain). */
export const IsMailHeaderName = withProblem('isMailHeaderName', mailHeaderNameProblem);
