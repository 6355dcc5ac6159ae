import type { EntityType } from '@shared/domain';
import { isReviewable, type WorkflowStatus } from '@shared/workflow';
import { useEffect, useState } from 'react';
import type { RecordChange } from '../db/repository';
import { getStore } from '../db/store';
import { workflowStatusOf } from '../db/workflow';

/** A change that may move a record's review: a new step, or the record itself (its countries, its deletion). */
export const touchesReview = (entity: EntityType, recordId: string | undefined) => (changes: readonly RecordChange[]) =>
  changes.some((change) => change.entity === 'approval' || (change.entity === entity && recordId !== undefined && change.ids.includes(recordId)));

/**
 * A record's review status, kept current (read again after every committed step: local, synced or from a
 * bundle). Undefined for a new record, a kind that is not reviewed, or until its steps are read. Forms use
 * it to lock an approved record; the review panel builds on the same read (db/workflow.ts).
 */
export function useWorkflowStatus(entity: EntityType, recordId: string | undefined): WorkflowStatus | undefined {
  const [read, setRead] = useState<{ key: string; status: WorkflowStatus }>();
  const reviewed = recordId !== undefined && isReviewable(entity);
  const key = `${entity}:${recordId ?? ''}`;

  useEffect(() => {
    if (!reviewed) return;
    let cancelled = false;
    // Reads may overlap (two steps in a row): only the latest one's answer is kept.
    let latest = 0;
    const load = () => {
      const seq = ++latest;
      void workflowStatusOf(getStore().db, entity, recordId).then(
        (status) => !cancelled && seq === latest && setRead({ key: `${entity}:${recordId}`, status }),
        // A failed read leaves the last one shown; the write path refuses a locked record anyway.
        () => undefined,
      );
    };
    load();
    const affects = touchesReview(entity, recordId);
    const unsubscribe = getStore().repository.subscribe((changes) => affects(changes) && load());
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [reviewed, entity, recordId]);

  return reviewed && read?.key === key ? read.status : undefined;
}
