import type { AnyRecord } from '@shared/domain';
import { isReviewable } from '@shared/workflow';
import { getStore } from '../../db/store';
import type { RecordChange } from '../../db/repository';
import { attentionCount, knownUsers, reviewOverview, reviewRecords, takesPartInReview, type ReviewOverview } from '../../db/workflow';
import { usePrincipal } from '../../state/principal';
import { useSyncStore } from '../../state/syncStore';
import { useRepositoryData, type RepositoryData } from '../history/useRepositoryData';

/** A step taken or arrived, or a reviewable record changed (moved country, deleted): the review page may differ. */
const movesReview = (changes: RecordChange[]) => changes.some((change) => change.entity === 'approval' || isReviewable(change.entity));

/**
 * What the navigation's badge is read again for: a step taken or arrived, or a reviewable record deleted.
 * Not an edit of a reviewable record (a whole bundle import of them): the count is a fold of the steps,
 * which such an edit leaves as they are. Reads of a burst coalesce (useRepositoryData).
 */
export const movesReviewCount = (changes: readonly RecordChange[]): boolean =>
  changes.some((change) => change.entity === 'approval' || (change.deleted && isReviewable(change.entity)));

/**
 * How many records ask something of the signed-in person (the navigation's badge), live: those waiting for
 * their review, and their own returned to them. 0 for administrators and desks not enrolled.
 */
export function useReviewCount(): number {
  const principal = usePrincipal();
  // Someone with no part in review (an administrator) has nothing to count, and nothing to read again.
  const takesPart = principal !== undefined && takesPartInReview(principal.role);
  const data = useRepositoryData(
    `review-count:${principal?.userId ?? ''}:${principal?.role ?? ''}:${principal?.countries.join() ?? ''}`,
    async () => (takesPart ? attentionCount(await reviewOverview(getStore().db, principal)) : 0),
    (changes) => takesPart && movesReviewCount(changes),
  );
  return data.phase === 'ready' ? data.data : 0;
}

export interface ReviewPageData {
  overview: ReviewOverview;
  /** The records the page names and their field reports' activities, by `entity:id`. */
  records: Map<string, AnyRecord>;
  /** People this desk knows by name, by user id. */
  users: Map<string, { displayName: string }>;
}

/** The signed-in person's review page (their queue, their returned and waiting records) with the records it names, kept current. */
export function useReviewOverview(): RepositoryData<ReviewPageData> {
  const principal = usePrincipal();
  const enrolledUser = useSyncStore((state) => state.enrollment?.user);
  return useRepositoryData(
    `review-overview:${principal?.userId ?? ''}:${principal?.role ?? ''}:${principal?.countries.join() ?? ''}`,
    async () => {
      const { db } = getStore();
      const overview = await reviewOverview(db, principal);
      const items = [...overview.queue.flatMap((group) => group.kinds.flatMap((kind) => kind.items)), ...overview.returned, ...overview.waiting];
      const [records, users] = await Promise.all([reviewRecords(db, items), knownUsers(db)]);
      if (enrolledUser) users.set(enrolledUser.id, { displayName: enrolledUser.displayName, role: enrolledUser.role });
      return { overview, records, users };
    },
    (changes) => movesReview(changes) || changes.some((change) => change.entity === 'activity'),
  );
}
