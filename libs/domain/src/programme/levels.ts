export type Pace = 'slow' | 'comfortable' | 'brisk';

export interface ProgrammeLevel {
  readonly level: number;
  readonly name: string;
  readonly summary: string;
  /** Minutes of backward walking per session, rests included. */
  readonly targetMinutes: { readonly min: number; readonly max: number };
  readonly pace: Pace;
  /** Short sentences a participant reads in an email. */
  readonly instructions: readonly string[];
  readonly safetyPoint: string;
  readonly requiresTreadmill: boolean;
  readonly requiresClearanceAfterSurgery: boolean;
}

export const FIRST_LEVEL = 1;
export const TOP_LEVEL = 6;

// Order follows the seed's progression: distance and duration first, then speed, then incline, then
// resistance. Incline and resistance sessions drop back to 15-20 minutes because each adds a new load;
// no level goes past the 30 minutes per session used in the later trials.
export const PROGRAMME_LEVELS: readonly ProgrammeLevel[] = Object.freeze([
  {
    level: 1,
    name: 'Supported start',
    summary: 'Short stretches of 5 to 10 metres backwards, holding a handrail or walking along a hallway.',
    targetMinutes: { min: 5, max: 5 },
    pace: 'slow',
    instructions: [
      'Stand beside a handrail, a kitchen worktop or a hallway wall and keep one hand on it.',
      'Walk backwards slowly for 5 to 10 metres, pause, then go again, for about 5 minutes in all.',
      'Touch down with your toes, roll back onto your heel, and let the front of your thigh do the work.',
    ],
    safetyPoint: 'At this level keep a hand on your support throughout, and check the path behind you first.',
    requiresTreadmill: false,
    requiresClearanceAfterSurgery: false,
  },
  {
    level: 2,
    name: 'Free-standing',
    summary: 'About 10 minutes of slow backward walking without holding on, support close by.',
    targetMinutes: { min: 10, max: 10 },
    pace: 'slow',
    instructions: [
      'Walk backwards slowly for about 10 minutes, resting whenever you like.',
      'Let go of your support if you feel steady, but keep it near enough to grab.',
      'Keep your chest up and look over one shoulder every few steps.',
    ],
    safetyPoint:
      'If you wobble at any point, take hold of your support and wait until you feel steady again.',
    requiresTreadmill: false,
    requiresClearanceAfterSurgery: false,
  },
  {
    level: 3,
    name: 'Longer',
    summary: '15 to 20 minutes of backward walking at a comfortable pace.',
    targetMinutes: { min: 15, max: 20 },
    pace: 'comfortable',
    instructions: [
      'Walk backwards for 15 to 20 minutes at a pace that feels comfortable.',
      'Choose a longer open space, such as a track, an empty hall or a quiet corridor.',
      'Tired thigh muscles are expected, so take a break whenever you need one.',
    ],
    safetyPoint: 'A longer walk means more chances to trip, so look behind you every few steps.',
    requiresTreadmill: false,
    requiresClearanceAfterSurgery: false,
  },
  {
    level: 4,
    name: 'Pace',
    summary: 'About 20 minutes of backward walking at a brisker pace.',
    targetMinutes: { min: 20, max: 20 },
    pace: 'brisk',
    instructions: [
      'Walk backwards for about 20 minutes, a little quicker than before.',
      'Only go as fast as you can while still placing every step with control.',
      'Ease off again if your steps turn short, hurried or unsteady.',
    ],
    safetyPoint: 'Control matters more than speed: slow down as soon as a step feels rushed.',
    requiresTreadmill: false,
    requiresClearanceAfterSurgery: false,
  },
  {
    level: 5,
    name: 'Incline',
    summary: 'Backward walking on a treadmill set to a slight incline, with the handrail within reach.',
    targetMinutes: { min: 15, max: 20 },
    pace: 'comfortable',
    instructions: [
      'Set the treadmill to a slow belt speed and a slight incline before you start.',
      'Walk backwards for 15 to 20 minutes with the handrails within easy reach.',
      'Raise the speed only once the incline feels easy.',
    ],
    safetyPoint:
      'Keep the treadmill handrail within reach all the time and take hold of it if you feel unsteady.',
    requiresTreadmill: true,
    requiresClearanceAfterSurgery: false,
  },
  {
    level: 6,
    name: 'Resistance',
    summary: 'Backward walking with light ankle weights or a resistance band, for experienced walkers.',
    targetMinutes: { min: 15, max: 20 },
    pace: 'comfortable',
    instructions: [
      'Add light ankle weights or a resistance band, starting with the lightest you have.',
      'Walk backwards for 15 to 20 minutes at a comfortable pace on a clear, flat surface.',
      'Take the weight off again if your knee complains.',
    ],
    safetyPoint:
      'Extra load is an advanced step; after knee surgery, only add it once your clinician has said yes.',
    requiresTreadmill: false,
    requiresClearanceAfterSurgery: true,
  },
] satisfies ProgrammeLevel[]);

export function isLevel(level: number): boolean {
  return Number.isInteger(level) && level >= FIRST_LEVEL && level <= TOP_LEVEL;
}

export function getLevel(level: number): ProgrammeLevel {
  const found = PROGRAMME_LEVELS.find((candidate) => candidate.level === level);
  if (found === undefined) {
    throw new RangeError(`Unknown programme level ${level}; levels run ${FIRST_LEVEL}-${TOP_LEVEL}`);
  }
  return found;
}
