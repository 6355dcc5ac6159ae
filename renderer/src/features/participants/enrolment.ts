import { aseanCountryCodes, type ActivityKind, type PartnerSide, type Participation, type Person, type PersonRole } from '@shared/domain';

/** Training courses have trainees; other activities have participants (experts, volunteers, fellows...). */
export const isTraining = (kind: ActivityKind) => kind === 'training-course' || kind === 'training-center';

/** The role people enrolled in an activity of this kind usually have. */
export function defaultRoleFor(kind: ActivityKind): PersonRole {
  switch (kind) {
    case 'training-course':
    case 'training-center':
      return 'trainee';
    case 'fellowship':
      return 'fellow';
    case 'volunteer-assignment':
      return 'volunteer';
    case 'joint-research-project':
    case 'joint-lab':
      return 'researcher';
    default:
      return 'expert';
  }
}

export interface ParticipantCounts {
  /** People taking part (each person once, whatever their status). */
  enrolled: number;
  completed: number;
  women: number;
  men: number;
  completedWomen: number;
  completedMen: number;
}

/**
 * The figures the program reports (people trained, by sex): each person counted once, even when two
 * computers enrolled them twice; a person counts as completed when any of their participations is.
 */
export function participantCounts(rows: readonly { participation: Pick<Participation, 'personId' | 'status'>; person: Pick<Person, 'sex'> | undefined }[]): ParticipantCounts {
  const byPerson = new Map<string, { sex: string | undefined; completed: boolean }>();
  for (const { participation, person } of rows) {
    const entry = byPerson.get(participation.personId) ?? { sex: person?.sex, completed: false };
    entry.completed ||= participation.status === 'completed';
    byPerson.set(participation.personId, entry);
  }
  const counts: ParticipantCounts = { enrolled: byPerson.size, completed: 0, women: 0, men: 0, completedWomen: 0, completedMen: 0 };
  for (const { sex, completed } of byPerson.values()) {
    if (sex === 'female') counts.women += 1;
    if (sex === 'male') counts.men += 1;
    if (!completed) continue;
    counts.completed += 1;
    if (sex === 'female') counts.completedWomen += 1;
    if (sex === 'male') counts.completedMen += 1;
  }
  return counts;
}

/** The side an organization usually stands on: Chinese for China, ASEAN for a member state, else a third party. */
export function likelySide(country: string | undefined): PartnerSide {
  if (country === 'CN') return 'chinese';
  if (country && (aseanCountryCodes as readonly string[]).includes(country)) return 'asean';
  return 'third-party';
}
