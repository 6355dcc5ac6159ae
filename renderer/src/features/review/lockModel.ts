import type { UserRole } from '@shared/domain';
import { isLocked, unlockableBy, type WorkflowStatus } from '@shared/workflow';

/** Why a record cannot be edited: who locked it and when, and who may reopen it. */
export interface LockModel {
  state: 'approved' | 'accepted';
  actorUserId: string;
  actorRole: UserRole;
  at: string;
  /** The roles that may return or unlock it, as the workflow's table says. */
  unlockableBy: UserRole[];
  /** The key of the sentence naming them (`lock.unlockers.<roles joined by +>`). */
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
    unlockersKey: `lock.unlockers.${roles.join('+')}`,
  };
}

/**
 * A person as this desk knows them: by name when a certificate (or the enrollment) says it, else by their
 * user id (a long server id by its last eight characters, as device ids are shown).
 */
export function personName(userId: string, known: ReadonlyMap<string, { displayName: string }>): string {
  return known.get(userId)?.displayName ?? (userId.length > 12 ? `…${userId.slice(-8)}` : userId);
}
