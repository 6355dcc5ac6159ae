import type { AnyRecord } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The page where a record is seen: its own, or its activity's; none for a record not stored here. */
export function recordPage(record: AnyRecord | undefined): string | undefined {
  if (!record) return undefined;
  if (record.entity === 'activity') return `/activities/${record.id}`;
  if (record.entity === 'organization') return `/organizations/${record.id}`;
  if (record.entity === 'person') return `/people/${record.id}`;
  if ('activityId' in record && typeof record.activityId === 'string') return `/activities/${record.activityId}`;
  return undefined;
}

/**
 * A record as a person knows it: its name (or the end of its id), linked to `page` when there is one,
 * with its kind underneath and `missing` (say, "not on this computer") when given.
 */
export function RecordLabel({ entity, recordId, name, page, missing }: { entity: string; recordId: string; name: string | undefined; page: string | undefined; missing?: string }) {
  const { t } = useTranslation();
  const shown = name || `…${recordId.slice(-8)}`;
  return (
    <>
      {page ? <Link to={page}>{shown}</Link> : shown}
      <div className="muted">
        {t(`conflicts:entities.${entity}`, { defaultValue: entity })}
        {missing && ` · ${missing}`}
      </div>
    </>
  );
}
