import type { Activity } from '@shared/domain';
import { useLocation } from 'react-router';
import { getRecord } from '../../db/reads';
import { useRepositoryData, type RepositoryData } from '../history/useRepositoryData';

/** One activity, kept current (a form under it shows its title and takes its currency and countries). */
export function useActivity(activityId: string | undefined): RepositoryData<Activity | undefined> {
  return useRepositoryData(
    `activity:${activityId ?? ''}`,
    () => (activityId ? getRecord('activity', activityId) : Promise.resolve(undefined)),
    (changes) => changes.some((change) => change.entity === 'activity' && change.ids.includes(activityId ?? '')),
  );
}

/** Where a form returns after saving or cancelling: the page that opened it, else the activity's page. */
export function useReturnPath(activityId: string | undefined): string {
  const location = useLocation();
  const back = (location.state as { back?: unknown } | null)?.back;
  if (typeof back === 'string' && back.startsWith('/')) return back;
  return activityId ? `/activities/${activityId}` : '/activities';
}
