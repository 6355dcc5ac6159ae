import { pickText, type AnyRecord, type EntityType } from '@shared/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getRecord } from '../../db/reads';
import { useUiStore } from '../../state/uiStore';
import { recordName } from '../conflicts/conflictModel';

/** The page where a record is seen: its own, or its activity's; none for a record not stored here. */
function pageOf(record: AnyRecord | undefined): string | undefined {
  if (!record) return undefined;
  if (record.entity === 'activity') return `/activities/${record.id}`;
  if (record.entity === 'organization') return `/organizations/${record.id}/edit`;
  if ('activityId' in record && typeof record.activityId === 'string') return `/activities/${record.activityId}`;
  return undefined;
}

/**
 * A record named as a person knows it, linked to where it can be checked; a record not on this computer
 * (yet) by its kind and the end of its id.
 */
export function RecordLink({ entity, recordId }: { entity: string; recordId: string }) {
  const { t } = useTranslation('bundles');
  const language = useUiStore((s) => s.language);
  const [record, setRecord] = useState<AnyRecord | null>();

  useEffect(() => {
    let cancelled = false;
    getRecord(entity as EntityType, recordId).then(
      (found) => !cancelled && setRecord((found as AnyRecord | undefined) ?? null),
      () => !cancelled && setRecord(null),
    );
    return () => {
      cancelled = true;
    };
  }, [entity, recordId]);

  const name = recordName(record ?? undefined);
  const shown = (typeof name === 'string' ? name : name ? pickText(name, language) : '') || `…${recordId.slice(-8)}`;
  const page = pageOf(record ?? undefined);
  return (
    <>
      {page ? <Link to={page}>{shown}</Link> : shown}
      <div className="muted">
        {t(`conflicts:entities.${entity}`, { defaultValue: entity })}
        {record === null && ` · ${t('record.notHere')}`}
      </div>
    </>
  );
}
