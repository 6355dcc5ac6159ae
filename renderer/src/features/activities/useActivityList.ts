import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { isFilterEmpty, type ActivityFilter, type ActivitySort } from '../../db/activityIndex';
import type { ActivityRow } from '../../db/activityRows';
import { getStore } from '../../db/store';

export type ActivityListState =
  | { phase: 'loading' }
  | { phase: 'failed'; retry: () => void }
  /** The index is still loading; these are the most recent rows, read straight from the database. */
  | { phase: 'preview'; rows: ActivityRow[] }
  | { phase: 'ready'; rows: ActivityRow[]; total: number };

const previewSize = 60;

/**
 * The rows the list shows. The first rows come from an indexed query in milliseconds, so the list is
 * never blank while the full in-memory index (needed to filter, sort and search 100,000 rows) loads.
 */
export function useActivityList(filter: ActivityFilter, sort: ActivitySort, language: string): ActivityListState {
  const { activityIndex } = getStore();
  const version = useSyncExternalStore(
    (listener) => activityIndex.subscribe(listener),
    () => activityIndex.version,
  );
  const [preview, setPreview] = useState<ActivityRow[] | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [failedAttempt, setFailedAttempt] = useState<number | undefined>();

  useEffect(() => {
    if (activityIndex.isLoaded) return;
    let cancelled = false;
    void activityIndex.firstPage(previewSize).then(
      (rows) => !cancelled && setPreview(rows),
      () => undefined, // the full load below reports the failure
    );
    activityIndex.load().catch(() => !cancelled && setFailedAttempt(attempt));
    return () => {
      cancelled = true;
    };
  }, [activityIndex, attempt]);

  return useMemo((): ActivityListState => {
    if (failedAttempt === attempt && !activityIndex.isLoaded) return { phase: 'failed', retry: () => setAttempt((n) => n + 1) };
    if (activityIndex.isLoaded) {
      return { phase: 'ready', rows: activityIndex.query(filter, sort, language), total: activityIndex.size };
    }
    const canPreview = isFilterEmpty(filter) && sort.key === 'updatedAt' && sort.direction === 'desc';
    if (preview && canPreview) return { phase: 'preview', rows: preview };
    return { phase: 'loading' };
    // `version` changes whenever the index does; it is how this memo knows to recompute.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activityIndex, version, preview, filter, sort, language, attempt, failedAttempt]);
}
