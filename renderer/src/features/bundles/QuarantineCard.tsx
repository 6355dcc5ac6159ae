import type { EntityType } from '@shared/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRetryable } from '../../db/bundleStore';
import { formatDateTime, formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { HeldChangeCells, HeldChangesTable } from '../../ui/HeldChanges';
import { useValueText } from '../history/useValueText';
import { toBundleFailure, type BundleFailure } from './bundleFailure';
import { dismissQuarantined, loadQuarantine, retryQuarantined, type BundleContext, type QuarantineItem } from './bundlesController';
import { useBundlesStore } from './bundlesStore';
import { RecordLink } from './RecordLink';
import { useBundleText } from './useBundleText';

/**
 * Changes that came in bundles and were held back (an invalid value, a field this desk does not know,
 * a record outside this desk's countries): kept with their reason, never dropped, never blocking the
 * rest. Retry applies them again (after an update of the desk, say); Dismiss lets them go here. Changes
 * refused by the review workflow ('locked', 'workflow') are refused for good, as on the server: no Retry.
 */
export function QuarantineCard({ context }: { context: BundleContext }) {
  const { t } = useTranslation('bundles');
  const text = useBundleText(context.devices);
  const { fieldLabel } = useValueText();
  const revision = useBundlesStore((s) => s.revision);
  const [items, setItems] = useState<QuarantineItem[]>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'retried'; applied: number; held: number; final: number } | { kind: 'failed'; failure: BundleFailure }>();

  useEffect(() => {
    let cancelled = false;
    loadQuarantine().then(
      (loaded) => !cancelled && setItems(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [revision]);

  if (!items || items.length === 0) return null;

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await work();
    } catch (error) {
      setMessage({ kind: 'failed', failure: toBundleFailure(error) });
    } finally {
      setBusy(false);
    }
  };
  const retry = (ids: number[]) =>
    act(async () => {
      const { applied, held, final } = await retryQuarantined(ids);
      setMessage({ kind: 'retried', applied, held, final });
    });
  const dismiss = (ids: number[]) => act(() => dismissQuarantined(ids));
  const n = (value: number) => ({ count: value, formatted: formatNumber(value, text.language) });

  return (
    <section className="card" aria-labelledby="bundle-quarantine-heading" data-testid="bundle-quarantine">
      <h2 id="bundle-quarantine-heading">{t('quarantine.title')}</h2>
      <p>{t('quarantine.intro')}</p>
      {items.some((item) => !isRetryable(item.reason)) && <p data-testid="bundle-quarantine-final">{t('quarantine.finalHint')}</p>}
      <p data-testid="bundle-quarantine-count">{t('quarantine.count', n(items.length))}</p>
      {message?.kind === 'retried' && (
        <Notice kind="success" testId="bundle-quarantine-retried">
          {t('quarantine.retried', { applied: formatNumber(message.applied, text.language), held: formatNumber(message.held, text.language) })}
          {message.final > 0 && <> {t('quarantine.final', n(message.final))}</>}
        </Notice>
      )}
      {message?.kind === 'failed' && <Notice kind="error">{text.failureText(message.failure)}</Notice>}
      <HeldChangesTable columns={[t('quarantine.record'), t('quarantine.field'), t('quarantine.reason'), t('quarantine.bundle')]} actions={t('quarantine.actions')}>
        {items.map((item) => {
          const field = fieldLabel(item.entity as EntityType, item.field);
          return (
            <tr key={item.id} data-testid="bundle-quarantined" data-reason={item.reason} data-record={item.recordId}>
              <HeldChangeCells
                record={<RecordLink entity={item.entity} recordId={item.recordId} />}
                field={field}
                reason={t(`reasons.${item.reason}`, { defaultValue: item.reason })}
                detail={item.detail && t('quarantine.detail', { detail: item.detail })}
              />
              <td>
                {item.from ? text.counterpartName(item.from) : <span className="muted">…{item.bundleId.slice(-8)}</span>}
                {item.at && <div className="muted">{formatDateTime(item.at, text.language)}</div>}
              </td>
              <td className="actions">
                {isRetryable(item.reason) && (
                  <button type="button" className="button" disabled={busy} onClick={() => void retry([item.id])} aria-label={t('quarantine.retryLabel', { field, record: item.recordId.slice(-8) })}>
                    {t('quarantine.retry')}
                  </button>
                )}
                <button type="button" className="button" disabled={busy} onClick={() => void dismiss([item.id])} aria-label={t('quarantine.dismissLabel', { field, record: item.recordId.slice(-8) })}>
                  {t('quarantine.dismiss')}
                </button>
              </td>
            </tr>
          );
        })}
      </HeldChangesTable>
      <p className="actions">
        {items.some((item) => isRetryable(item.reason)) && (
          <button type="button" className="button" disabled={busy} onClick={() => void retry(items.filter((item) => isRetryable(item.reason)).map((item) => item.id))} data-testid="bundle-quarantine-retry-all">
            {t('quarantine.retryAll')}
          </button>
        )}
        <button type="button" className="button" disabled={busy} onClick={() => void dismiss(items.map((item) => item.id))} data-testid="bundle-quarantine-dismiss-all">
          {t('quarantine.dismissAll')}
        </button>
      </p>
    </section>
  );
}
