import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';
import { counterpartReach, reachOf } from './acksModel';
import { loadAcks, type AcksView, type BundleContext } from './bundlesController';
import { useBundlesStore } from './bundlesStore';
import { useBundleText } from './useBundleText';

/** How far this computer's own changes are known to have travelled: to the Secretariat, and to each other computer. */
export function AcksCard({ context }: { context: BundleContext }) {
  const { t } = useTranslation('bundles');
  const text = useBundleText(context.devices);
  const revision = useBundlesStore((s) => s.revision);
  const [view, setView] = useState<AcksView>();

  useEffect(() => {
    let cancelled = false;
    loadAcks().then(
      (loaded) => !cancelled && setView(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [revision]);

  if (!view) return null;
  const server = reachOf(view.acks.server, view.selfDeviceId, view.own);
  const others = counterpartReach(view.acks, view.selfDeviceId, view.own);
  const n = (value: number) => formatNumber(value, text.language);

  return (
    <section className="card" aria-labelledby="bundle-acks-heading" data-testid="bundle-acks">
      <h2 id="bundle-acks-heading">{t('acks.title')}</h2>
      <p>{t('acks.intro')}</p>
      {server.total === 0 ? (
        <p data-testid="bundle-acks-server" data-reached={0} data-total={0} data-complete="true">
          {t('acks.noChanges')}
        </p>
      ) : (
        <div data-testid="bundle-acks-server" data-reached={server.reached} data-total={server.total} data-complete={String(server.reached >= server.total)}>
          <p>
            {t('acks.server', { reached: n(server.reached), total: n(server.total) })}
            {server.reached >= server.total && <> {t('acks.allReached')}</>}
          </p>
          <progress value={server.reached} max={server.total} aria-label={t('acks.serverLabel')} />
        </div>
      )}
      {server.total > 0 && others.length > 0 && (
        <table className="refusal-table" data-testid="bundle-acks-devices">
          <caption className="visually-hidden">{t('acks.othersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('acks.device')}</th>
              <th scope="col">{t('acks.received')}</th>
            </tr>
          </thead>
          <tbody>
            {others.map((row) => {
              const device = text.deviceOf(row.party);
              return (
                <tr key={row.party} data-testid="bundle-ack" data-party={row.party} data-complete={String(row.reached >= row.total)}>
                  <td>{device ? text.deviceDescription(device) : text.deviceName(row.party)}</td>
                  <td>{t('acks.reach', { reached: n(row.reached), total: n(row.total) })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
