import { findClock } from './zone-clock';

/*
 * ICU, behind Intl, still names some zones as CLDR first spelled them; the tz database has since
 * renamed them, and people, phones and other systems use the new names. Only renames are listed:
 * zones that the tz database merely links to a neighbour (Europe/Bratislava to Europe/Prague) keep
 * their own name, because that is the place the person lives.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The names of UTC itself, which is where some people and servers really do keep their clocks. */
const UTC_NAMES = new Set(['utc', 'etc/utc', 'etc/uct', 'etc/universal', 'etc/zulu']);

/**
 * Areas of fixed offsets, not places: `Etc/GMT+5` is five hours behind UTC all year (the sign is
 * inverted, a trap of its own) and never follows anyone's summer time, like the `+05:00` refused
 * elsewhere. `SystemV/` is the same idea from older Unix systems.
 */
const FIXED_OFFSET_AREA = /^(etc|systemv)\//i;

const MAX_NAME_LENGTH = 64;
const canonical = new Map<string, string | null>();
const CACHE_CAP = 1024;

/**
 * The zone's name as the tz database spells it (`europe/berlin` -> `Europe/Berlin`, `UTC` for
 * `Etc/UTC`, `Asia/Kolkata` for `Asia/Calcutta`), or null for a name that is not a place:
 * unknown, empty, a fixed offset (`+05:00`, `Etc/GMT+5`) or an abbreviation (`EST`, `CET`, `GMT`:
 * EST is Panama time, GMT is never London in summer; the person almost always meant a place).
 * Other links keep the runtime's spelling of them, which may be the name given or its target.
 */
export function canonicalTimeZone(tz: string): string | null {
  const cached = canonical.get(tz);
  if (cached !== undefined) return cached;
  const name = resolve(tz);
  if (canonical.size >= CACHE_CAP) canonical.clear();
  canonical.set(tz, name);
  return name;
}

function resolve(tz: string): string | null {
  if (tz.length === 0 || tz.length > MAX_NAME_LENGTH) return null;
  if (UTC_NAMES.has(tz.toLowerCase())) return 'UTC';
  if (!tz.includes('/') || FIXED_OFFSET_AREA.test(tz)) return null;
  const clock = findClock(tz);
  if (clock === undefined) return null;
  const resolved = clock.formatter.resolvedOptions().timeZone;
  if (FIXED_OFFSET_AREA.test(resolved)) return null;
  const renamed = RENAMED[resolved];
  return renamed !== undefined && findClock(renamed) !== undefined ? renamed : resolved;
}
