import type { AnyRecord } from '@shared/domain';
import { isReviewable } from '@shared/workflow';
import { getStore } from '../../db/store';
import type { RecordChange } from '../../db/repository';
import { knownUsers, queueRecords, reviewCount, reviewQueue, waitsFor, type QueueGroup } from '../../db/workflow';
import { usePrincipal } from '../../state/principal';
import { useSyncStore } from '../../state/syncStore';
import { useRepositoryData, type RepositoryData } from '../history/useRepositoryData';

/** A step taken or arrived, or a reviewable record changed (moved country, deleted): the queue may differ. */
const movesQueue = (changes: RecordChange[]) => changes.some((change) => change.entity === 'approval' || isReviewable(change.entity));

/** How many records wait for the signed-in reviewer (the navigation's badge): 0 for officers and desks not enrolled. Live. */
export function useReviewCount(): number {
  const principal = usePrincipal();
  // Someone who takes no step forward (an officer, an administrator) has nothing to count, and nothing to read again.
  const reviewer = principal !== undefined && (waitsFor('submitted', principal.role) || waitsFor('approved', principal.role));
  const data = useRepositoryData(
    `review-count:${principal?.userId ?? ''}:${principal?.role ?? ''}:${principal?.countries.join() ?? ''}`,
    async () => (reviewer ? reviewCount(getStore().db, principal) : 0),
    (changes) => reviewer && movesQueue(changes),
  );
  return data.phase === 'ready' ? data.data : 0;
}

export interface ReviewQueueData {
  groups: QueueGroup[];
  /** The queue's records and their field reports' activities, by `entity:id`. */
  records: Map<string, AnyRecord>;
  /** People this desk knows by name, by user id. */
  users: Map<string, { displayName: string }>;
}

/** The signed-in reviewer's queue with the records it names, kept current. */
export function useReviewQueue(): RepositoryData<ReviewQueueData> {
  const principal = usePrincipal();
  const enrolledUser = useSyncStore((state) => state.enrollment?.user);
  return useRepositoryData(
    `review-queue:${principal?.userId ?? ''}:${principal?.role ?? ''}:${principal?.countries.join() ?? ''}`,
    async () => {
      const { db } = getStore();
      const groups = await reviewQueue(db, principal);
      const [records, users] = await Promise.all([queueRecords(db, groups), knownUsers(db)]);
      if (enrolledUser) users.set(enrolledUser.id, { displayName: enrolledUser.displayName, role: enrolledUser.role });
      return { groups, records, users };
    },
    (changes) => movesQueue(changes) || changes.some((change) => change.entity === 'activity'),
  );
}
