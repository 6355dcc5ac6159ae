import { describe, expect, it } from 'vitest';
import { defaultRoleFor, isTraining, likelySide, participantCounts } from './enrolment';

describe('participants of an activity', () => {
  it('counts each person once, completed when any participation is, by sex', () => {
    const counts = participantCounts([
      { participation: { personId: 'a', status: 'completed' }, person: { sex: 'female' } },
      { participation: { personId: 'a', status: 'enrolled' }, person: { sex: 'female' } },
      { participation: { personId: 'b', status: 'attending' }, person: { sex: 'male' } },
      { participation: { personId: 'c', status: 'completed' }, person: { sex: 'male' } },
      { participation: { personId: 'd', status: 'withdrawn' }, person: { sex: 'unspecified' } },
      { participation: { personId: 'e', status: 'completed' }, person: undefined },
    ]);
    expect(counts).toEqual({ enrolled: 5, completed: 3, women: 1, men: 2, completedWomen: 1, completedMen: 1 });
  });

  it('trainees for training, the usual role for other kinds', () => {
    expect(isTraining('training-course')).toBe(true);
    expect(isTraining('joint-lab')).toBe(false);
    expect(defaultRoleFor('training-course')).toBe('trainee');
    expect(defaultRoleFor('fellowship')).toBe('fellow');
    expect(defaultRoleFor('volunteer-assignment')).toBe('volunteer');
    expect(defaultRoleFor('task-force-mission')).toBe('expert');
    expect(defaultRoleFor('joint-research-project')).toBe('researcher');
  });

  it('suggests the side of the partnership from the organization\'s country', () => {
    expect(likelySide('CN')).toBe('chinese');
    expect(likelySide('LA')).toBe('asean');
    expect(likelySide('TL')).toBe('asean');
    expect(likelySide(undefined)).toBe('third-party');
  });
});
