import type { BundleLogEntry } from '@shared/bundle/port';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../ui/format';
import { loadLog, type BundleContext } from './bundlesController';
import { useBundlesStore } from './bundlesStore';
import { logAction, logDetail } from './logModel';
import { useBundleText } from './useBundleText';

/** Every bundle made or taken in on this computer: when, by whom, with whom, how many changes, how it went. */
export function LogCard({ context }: { context: BundleContext }) {
  const { t } = useTranslation('bundles');
  const text = useBundleText(context.devices);
  const revision = useBundlesStore((s) => s.revision);
  const [entries, setEntries] = useState<BundleLogEntry[]>();

  useEffect(() => {
    let cancelled = false;
    loadLog().then(
      (loaded) => !cancelled && setEntries(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [revision]);

  const by = (who: string) => {
    // The log names a user id (`user:` prefixed or not): "you", or whoever a known certificate says it is.
    const userId = who.startsWith('user:') ? who.slice('user:'.length) : who;
    if (userId === context.userId) return t('log.you');
    return context.devices.find((device) => device.userId === userId)?.displayName ?? userId;
  };

  return (
    <section className="card" aria-labelledby="bundle-log-heading" data-testid="bundle-log">
      <h2 id="bundle-log-heading">{t('log.title')}</h2>
      {!entries || entries.length === 0 ? (
        <p>{t('log.empty')}</p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">{t('log.when')}</th>
              <th scope="col">{t('log.direction')}</th>
              <th scope="col">{t('log.counterpart')}</th>
              <th scope="col">{t('log.by')}</th>
              <th scope="col">{t('log.changes')}</th>
              <th scope="col">{t('log.result')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const detail = logDetail(entry);
              return (
                <tr key={`${entry.bundleId}:${entry.direction}:${entry.at}`} data-testid="bundle-log-entry" data-direction={logAction(entry)} data-result={entry.result}>
                  <td className="nowrap">
                    <time dateTime={entry.at}>{formatDateTime(entry.at, text.language)}</time>
                  </td>
                  <td>{t(`log.directions.${logAction(entry)}`)}</td>
                  <td>
                    {text.counterpartName(entry.counterpart)}
                    {entry.fileName && <div className="muted">{entry.fileName}</div>}
                  </td>
                  <td>{by(entry.by)}</td>
                  <td>{formatNumber(entry.changes, text.language)}</td>
                  <td>
                    {t(`log.results.${entry.result}`)}
                    {detail.kind === 'import' && (
                      <div className="muted">
                        {t('log.importDetail', { applied: formatNumber(detail.applied, text.language), known: formatNumber(detail.known, text.language), quarantined: formatNumber(detail.quarantined, text.language) })}
                      </div>
                    )}
                    {detail.kind === 'upload' && (
                      <div className="muted">
                        {t('log.uploadDetail', { applied: formatNumber(detail.applied, text.language), known: formatNumber(detail.known, text.language), refused: formatNumber(detail.refused, text.language) })}
                      </div>
                    )}
                    {detail.kind === 'refused' && <div className="muted">{text.failureText({ kind: 'bundle', code: detail.code, params: detail.params })}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
