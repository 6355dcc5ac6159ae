import type { UserRole } from '@shared/domain';
import { isLocked, transitions, unlockableBy, type WorkflowStatus } from '@shared/workflow';

/** Why a record cannot be edited: who locked it (submitted, approved, accepted it) and when, and who may reopen it. */
export interface LockModel {
  state: 'submitted' | 'approved' | 'accepted';
  actorUserId: string;
  actorRole: UserRole;
  at: string;
  /** The roles that may return or unlock it, as the workflow's table says. */
  unlockableBy: UserRole[];
  /**
   * The key of the sentence naming them and how: `lock.unlockers.<roles joined by +>` where the record can
   * be returned or unlocked, `lock.returners.<roles>` where it can only be returned (a submitted record).
   */
  unlockersKey: string;
}

/** The lock of a record in this state, or undefined when it may be edited (or its steps are not read yet). */
export function lockModel(status: WorkflowStatus | undefined): LockModel | undefined {
  if (!status || !isLocked(status.state) || !status.last) return undefined;
  const roles = unlockableBy(status.state);
  return {
    state: status.state as LockModel['state'],
    actorUserId: status.last.actorUserId,
    actorRole: status.last.actorRole,
    at: status.last.at,
    unlockableBy: roles,
    unlockersKey: `lock.${transitions[status.state].unlock ? 'unlockers' : 'returners'}.${roles.join('+')}`,
  };
}

/**
 * A desk user (an account: who took a review step) as this desk knows them: by the display name a device
 * certificate (or the enrollment) gives, else by their user id (a long server id by its last eight
 * characters, as device ids are shown). Not a person record of the registry: those are named by db/people's personName.
 */
export function userDisplayName(userId: string, known: ReadonlyMap<string, { displayName: string }>): string {
  return known.get(userId)?.displayName ?? (userId.length > 12 ? `…${userId.slice(-8)}` : userId);
}
