import type { EntityType, UserRole } from '@shared/domain';
import type { WorkflowStatus } from '@shared/workflow';
import { useMemo } from 'react';
import { recordScope } from '../../db/recordScope';
import { getStore } from '../../db/store';
import { knownUsers, workflowStatusOf } from '../../db/workflow';
import { useSyncStore } from '../../state/syncStore';
import { touchesReview } from '../../ui/useWorkflowStatus';
import { useRepositoryData, type RepositoryData } from '../history/useRepositoryData';

/** Forms read only a record's status: the hook lives in ui/ (forms are ui's), re-exported for the features that use it. */
export { useWorkflowStatus } from '../../ui/useWorkflowStatus';

export interface WorkflowData {
  status: WorkflowStatus;
  /** The record's countries, undefined when it is not on this computer. */
  scope: string[] | undefined;
  /** Names of the people this desk knows (device certificates), by user id. */
  users: Map<string, { displayName: string; role: UserRole }>;
}

/** A record's review, kept current: read again after every committed step (local, synced or from a bundle). */
export function useWorkflow(entity: EntityType, recordId: string): RepositoryData<WorkflowData> {
  const enrolledUser = useSyncStore((state) => state.enrollment?.user);
  const data = useRepositoryData(
    `workflow:${entity}:${recordId}`,
    async (): Promise<WorkflowData> => {
      const { db } = getStore();
      const [status, scope, users] = await Promise.all([workflowStatusOf(db, entity, recordId), recordScope(entity, recordId, db), knownUsers(db)]);
      return { status, scope, users };
    },
    touchesReview(entity, recordId),
  );
  // The signed-in person is known by name even before any certificate of theirs is on this computer.
  return useMemo(() => {
    if (data.phase !== 'ready' || !enrolledUser) return data;
    const users = new Map(data.data.users);
    users.set(enrolledUser.id, { displayName: enrolledUser.displayName, role: enrolledUser.role });
    return { phase: 'ready', data: { ...data.data, users } };
  }, [data, enrolledUser]);
}
