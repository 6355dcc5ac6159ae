import type { EntityType, UserRole } from '@shared/domain';
import { isReviewable, type WorkflowStatus } from '@shared/workflow';
import { useMemo } from 'react';
import { knownUsers, recordScope, workflowStatusOf } from '../../db/workflow';
import { getStore } from '../../db/store';
import type { RecordChange } from '../../db/repository';
import { useSyncStore } from '../../state/syncStore';
import { useRepositoryData, type RepositoryData } from '../history/useRepositoryData';

export interface WorkflowData {
  status: WorkflowStatus;
  /** The record's countries, undefined when it is not on this computer. */
  scope: string[] | undefined;
  /** Names of the people this desk knows (device certificates), by user id. */
  users: Map<string, { displayName: string; role: UserRole }>;
}

/** A change that may move a record's review: a new step, or the record itself (its countries, its deletion). */
const touches = (entity: EntityType, recordId: string | undefined) => (changes: RecordChange[]) =>
  changes.some((change) => change.entity === 'approval' || (change.entity === entity && recordId !== undefined && change.ids.includes(recordId)));

/** A record's review, kept current: read again after every committed step (local, synced or from a bundle). */
export function useWorkflow(entity: EntityType, recordId: string): RepositoryData<WorkflowData> {
  const enrolledUser = useSyncStore((state) => state.enrollment?.user);
  const data = useRepositoryData(
    `workflow:${entity}:${recordId}`,
    async (): Promise<WorkflowData> => {
      const { db } = getStore();
      const [status, scope, users] = await Promise.all([workflowStatusOf(db, entity, recordId), recordScope(db, entity, recordId), knownUsers(db)]);
      return { status, scope, users };
    },
    touches(entity, recordId),
  );
  // The signed-in person is known by name even before any certificate of theirs is on this computer.
  return useMemo(() => {
    if (data.phase !== 'ready' || !enrolledUser) return data;
    const users = new Map(data.data.users);
    users.set(enrolledUser.id, { displayName: enrolledUser.displayName, role: enrolledUser.role });
    return { phase: 'ready', data: { ...data.data, users } };
  }, [data, enrolledUser]);
}

/**
 * Only a record's review status (for forms): undefined for a new record, a kind that is not reviewed,
 * or until its steps are read.
 */
export function useWorkflowStatus(entity: EntityType, recordId: string | undefined): WorkflowStatus | undefined {
  const reviewed = recordId !== undefined && isReviewable(entity);
  const data = useRepositoryData(
    reviewed ? `workflow-status:${entity}:${recordId}` : 'workflow-status:none',
    async () => (reviewed ? workflowStatusOf(getStore().db, entity, recordId) : undefined),
    touches(entity, recordId),
  );
  return data.phase === 'ready' ? data.data : undefined;
}
