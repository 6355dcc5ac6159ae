import type { AnyRecord, EntityType } from '@shared/domain';
import { entityLabels } from '@shared/domain/fieldLabels';
import { Link } from 'react-router';
import { useLabel } from '../i18n';

/** The kinds of record with a page of their own (detail pages; reviewable records are reviewed there). */
const ownPages: Partial<Record<EntityType, string>> = {
  activity: '/activities/',
  fieldReport: '/field-reports/',
  organization: '/organizations/',
  person: '/people/',
  technologyOffer: '/technology/offers/',
  technologyNeed: '/technology/needs/',
  technologyMatch: '/technology/matches/',
};

/** A record's own page, when its kind has one (whether or not the record is stored here). */
export function recordPath(entity: EntityType, recordId: string): string | undefined {
  const prefix = ownPages[entity];
  return prefix ? `${prefix}${recordId}` : undefined;
}

/** The page where a record is seen: its own, or its activity's; none for a record not stored here. */
export function recordPage(record: AnyRecord | undefined): string | undefined {
  if (!record) return undefined;
  const own = recordPath(record.entity, record.id);
  if (own) return own;
  if ('activityId' in record && typeof record.activityId === 'string') return `/activities/${record.activityId}`;
  return undefined;
}

/**
 * A record as a person knows it: its name (or the end of its id), linked to `page` when there is one,
 * with its kind underneath and `missing` (say, "not on this computer") when given.
 */
export function RecordLabel({ entity, recordId, name, page, missing }: { entity: string; recordId: string; name: string | undefined; page: string | undefined; missing?: string }) {
  const label = useLabel();
  const shown = name || `…${recordId.slice(-8)}`;
  return (
    <>
      {page ? <Link to={page}>{shown}</Link> : shown}
      <div className="muted">
        {label(entityLabels[entity as EntityType]) || entity}
        {missing && ` · ${missing}`}
      </div>
    </>
  );
}
