import { activityYear, modalityOfKind, pickText, type Activity, type ActivityKind, type LocalizedText, type ModalityCode } from '@shared/domain';
import { splitSearchText, type SplitSearchText } from '@shared/search/normalize';

/**
 * What the activities list needs of an activity, and nothing more. Lists of 100,000 activities are
 * filtered, sorted and searched in memory from these rows: reading them is several times cheaper than
 * reading whole activities, and the normalized search text is computed once, at write time.
 */
export interface ActivityRow {
  id: string;
  title: LocalizedText;
  kind: ActivityKind;
  modality: ModalityCode;
  status: Activity['status'];
  countries: string[];
  priorityAreas: string[];
  year: number;
  start: string;
  updatedAt: string;
  /** Normalized titles and descriptions in every language, split by script (see shared/search). */
  search: SplitSearchText;
}

export function activityRowOf(activity: Activity): ActivityRow {
  return {
    id: activity.id,
    title: activity.title,
    kind: activity.details.kind,
    modality: modalityOfKind(activity.details.kind),
    status: activity.status,
    countries: activity.countries,
    priorityAreas: activity.priorityAreas,
    year: activityYear(activity),
    start: activity.actualStart ?? activity.plannedStart,
    updatedAt: activity.updatedAt,
    search: splitSearchText([...Object.values(activity.title), ...Object.values(activity.description), activity.iatiIdentifier]),
  };
}

export function rowTitle(row: Pick<ActivityRow, 'title'>, language: string): string {
  return pickText(row.title, language);
}
