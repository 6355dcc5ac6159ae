import { pickText, type AnyRecord, type EntityType } from '@shared/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRecord } from '../../db/reads';
import { useUiStore } from '../../state/uiStore';
import { RecordLabel, recordPage } from '../../ui/RecordLabel';
import { recordName } from '../conflicts/conflictModel';

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
  const text = typeof name === 'string' ? name : name ? pickText(name, language) : '';
  return <RecordLabel entity={entity} recordId={recordId} name={text} page={recordPage(record ?? undefined)} missing={record === null ? t('record.notHere') : undefined} />;
}
