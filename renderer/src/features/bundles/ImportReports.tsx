import type { BundleImportResponse } from '@shared/api/contract';
import type { EntityType } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';
import { useValueText } from '../history/useValueText';
import type { DryRun, ImportOutcome, RejectedChange } from './bundlesController';
import type { KnownDevice } from './exportModel';
import { RecordLink } from './RecordLink';
import { useBundleText } from './useBundleText';

/** At most this many rows of held-back changes on screen; the quarantine card lists them all. */
const shownRows = 100;

/** The dry run: what applying would do. Each figure is alone in its element, for people and for tests. */
export function DryRunSummary({ dryRun }: { dryRun: DryRun }) {
  const { t } = useTranslation('bundles');
  const { language } = useBundleText();
  const figures = [
    ['new', 'summary.new', dryRun.newRecords],
    ['updated', 'summary.updated', dryRun.updatedRecords],
    ['conflicts', 'summary.conflicts', dryRun.conflicts],
    ['rejected', 'summary.rejected', dryRun.rejected.length],
    ['known', 'summary.known', dryRun.known],
  ] as const;
  const nothingNew = dryRun.newRecords === 0 && dryRun.updatedRecords === 0 && dryRun.rejected.length === 0;

  return (
    <section aria-labelledby="bundle-summary-heading" data-testid="bundle-summary">
      <h3 id="bundle-summary-heading">{t('summary.title')}</h3>
      <p>{t('summary.intro')}</p>
      <dl className="sync-facts">
        {figures.map(([id, key, value]) => (
          <div key={id} style={{ display: 'contents' }}>
            <dt>{t(key)}</dt>
            <dd data-testid={`summary-${id}`}>{formatNumber(value, language)}</dd>
          </div>
        ))}
      </dl>
      {dryRun.conflicts > 0 && <p>{t('summary.conflictsHint')}</p>}
      {nothingNew && <p data-testid="summary-nothing-new">{t('summary.nothingNew')}</p>}
      {dryRun.rejected.length > 0 && (
        <>
          <p>{t('summary.rejectedHint')}</p>
          <RejectedTable rows={dryRun.rejected} testId="bundle-rejected" />
        </>
      )}
    </section>
  );
}

/** Held-back changes: which record, which field, why in words. */
export function RejectedTable({ rows, testId }: { rows: readonly RejectedChange[]; testId: string }) {
  const { t } = useTranslation('bundles');
  const { fieldLabel } = useValueText();
  const { language } = useBundleText();
  return (
    <>
      <table className="refusal-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('quarantine.record')}</th>
            <th scope="col">{t('quarantine.field')}</th>
            <th scope="col">{t('quarantine.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shownRows).map((row, index) => (
            <tr key={`${row.recordId}:${row.field}:${index}`} data-reason={row.reason}>
              <td>
                <RecordLink entity={row.entity} recordId={row.recordId} />
              </td>
              <td>{fieldLabel(row.entity as EntityType, row.field)}</td>
              <td>
                {t(`reasons.${row.reason}`, { defaultValue: row.reason })}
                {row.detail && <div className="muted">{t('quarantine.detail', { detail: row.detail })}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shownRows && <p className="muted">{t('summary.more', { count: rows.length - shownRows, formatted: formatNumber(rows.length - shownRows, language) })}</p>}
    </>
  );
}

/** After "Apply": what was done. */
export function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation('bundles');
  const { language } = useBundleText();
  const n = (value: number) => ({ count: value, formatted: formatNumber(value, language) });
  return (
    <div role="status" data-testid="bundle-result" data-result={outcome.result}>
      <p className={`notice${outcome.result === 'refused' ? ' error' : ' success'}`}>{t(`result.${outcome.result}`)}</p>
      <ul className="report-figures">
        <li data-testid="result-applied">{t('result.applied', n(outcome.applied))}</li>
        <li data-testid="result-known">{t('result.known', n(outcome.known))}</li>
        <li data-testid="result-quarantined">{t('result.quarantined', n(outcome.quarantined))}</li>
      </ul>
      {outcome.quarantined > 0 && <p>{t('result.quarantinedHint')}</p>}
    </div>
  );
}

/** The server's answer to an uploaded bundle. */
export function UploadResult({ answer, devices }: { answer: BundleImportResponse; devices: readonly KnownDevice[] }) {
  const { t } = useTranslation('bundles');
  const { fieldLabel } = useValueText();
  const { language, deviceName } = useBundleText(devices);
  const n = (value: number) => ({ count: value, formatted: formatNumber(value, language) });
  const waiting = answer.waiting.reduce((sum, run) => sum + run.count, 0);
  return (
    <div role="status" data-testid="bundle-result" data-result={answer.result}>
      <p className="notice success">{t(`upload.${answer.result}`)}</p>
      <ul className="report-figures">
        <li data-testid="upload-applied">{t('upload.applied', n(answer.applied))}</li>
        <li data-testid="upload-duplicates">{t('upload.duplicates', n(answer.duplicates))}</li>
        <li data-testid="upload-refused">{t('upload.refused', n(answer.refused.length))}</li>
        <li data-testid="upload-waiting">{t('upload.waiting', n(waiting))}</li>
      </ul>
      {waiting > 0 && <p>{t('upload.waitingHint')}</p>}
      {answer.refused.length > 0 && (
        <table className="refusal-table" data-testid="upload-refusals">
          <thead>
            <tr>
              <th scope="col">{t('quarantine.record')}</th>
              <th scope="col">{t('quarantine.field')}</th>
              <th scope="col">{t('quarantine.reason')}</th>
              <th scope="col">{t('upload.device')}</th>
            </tr>
          </thead>
          <tbody>
            {answer.refused.slice(0, shownRows).map((refusal) => (
              <tr key={`${refusal.device}:${refusal.seq}`} data-reason={refusal.reason}>
                <td>
                  <RecordLink entity={refusal.entity} recordId={refusal.recordId} />
                </td>
                <td>{fieldLabel(refusal.entity, refusal.field)}</td>
                <td>
                  {t(`sync:refusals.reasons.${refusal.reason}`, { defaultValue: refusal.reason })}
                  {refusal.detail && <div className="muted">{t('quarantine.detail', { detail: refusal.detail })}</div>}
                </td>
                <td>{deviceName(refusal.device)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
