import { pickText, type AnyRecord } from '@shared/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredRefusal } from '../../db/database';
import { getRecord } from '../../db/reads';
import { getStore } from '../../db/store';
import { useSyncStore } from '../../state/syncStore';
import { useUiStore } from '../../state/uiStore';
import { formatDateTime, formatNumber } from '../../ui/format';
import { HeldChangeCells, HeldChangesTable } from '../../ui/HeldChanges';
import { RecordLabel, recordPage } from '../../ui/RecordLabel';
import { recordName } from '../conflicts/conflictModel';
import { useValueText } from '../history/useValueText';
import { dismissRefusals } from './syncController';

interface NamedRefusal extends StoredRefusal {
  name: string | undefined;
  /** The record is stored here (shown in the lists). */
  found: boolean;
  /** The record's own page, or its activity's: where the person can check it. */
  page: string | undefined;
}

const shown = 200;

async function loadRefusals(language: string): Promise<{ items: NamedRefusal[]; total: number }> {
  const { items, total } = await getStore().serverSync.refusals(shown);
  const named = await Promise.all(
    items.map(async (refusal): Promise<NamedRefusal> => {
      const record = (await getRecord(refusal.entity, refusal.recordId)) as AnyRecord | undefined;
      const name = recordName(record as Record<string, unknown> | undefined);
      return { ...refusal, name: typeof name === 'string' ? name : name ? pickText(name, language) : undefined, found: record !== undefined, page: recordPage(record) };
    }),
  );
  return { items: named, total };
}

/** This computer's changes the server refused, with the reason, until the person dismisses them. */
export function RefusalsCard() {
  const { t } = useTranslation('sync');
  const { fieldLabel } = useValueText();
  const language = useUiStore((s) => s.language);
  const revision = useSyncStore((s) => s.refusalsRevision);
  const [data, setData] = useState<{ items: NamedRefusal[]; total: number }>();

  useEffect(() => {
    let cancelled = false;
    void loadRefusals(language).then((loaded) => !cancelled && setData(loaded));
    return () => {
      cancelled = true;
    };
  }, [revision, language]);

  if (!data || data.total === 0) return null;
  return (
    <section className="card" aria-labelledby="sync-refusals-heading" data-testid="sync-refusals">
      <h2 id="sync-refusals-heading">{t('refusals.title')}</h2>
      <p>{t('refusals.intro')}</p>
      <p data-testid="sync-refusals-count">
        {t('refusals.count', { count: data.total, formatted: formatNumber(data.total, language) })}
        {data.total > data.items.length && <> {t('refusals.showing', { shown: formatNumber(data.items.length, language) })}</>}
      </p>
      <HeldChangesTable columns={[t('refusals.record'), t('refusals.field'), t('refusals.reason'), t('refusals.when')]} actions={t('refusals.dismiss')}>
        {data.items.map((refusal) => {
          const name = refusal.name || `…${refusal.recordId.slice(-8)}`;
          const field = fieldLabel(refusal.entity, refusal.field);
          return (
            <tr key={refusal.seq} data-testid="sync-refusal" data-reason={refusal.reason} data-record={refusal.recordId}>
              <HeldChangeCells
                record={<RecordLabel entity={refusal.entity} recordId={refusal.recordId} name={refusal.name} page={refusal.page} missing={refusal.found ? undefined : t('refusals.notHere')} />}
                field={field}
                reason={t(`refusals.reasons.${refusal.reason}`, { defaultValue: refusal.reason })}
                detail={
                  refusal.detail && (
                    <>
                      {t('refusals.detail')}: {refusal.detail}
                    </>
                  )
                }
              />
              <td>{formatDateTime(refusal.at, language)}</td>
              <td>
                <button type="button" className="button" onClick={() => void dismissRefusals([refusal.seq])} aria-label={t('refusals.dismissLabel', { field, record: name })}>
                  {t('refusals.dismiss')}
                </button>
              </td>
            </tr>
          );
        })}
      </HeldChangesTable>
      <p className="actions">
        <button type="button" className="button" onClick={() => void dismissRefusals()} data-testid="sync-refusals-dismiss-all">
          {t('refusals.dismissAll')}
        </button>
      </p>
    </section>
  );
}
