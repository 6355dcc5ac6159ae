import type { EntityType } from '@shared/domain';
import { deletedField } from '@shared/sync/change';
import type { HistoryEntry } from '@shared/sync/engine';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { getStore } from '../../db/store';
import { useUiStore } from '../../state/uiStore';
import { formatDateTime } from '../../ui/format';
import { shortAuthor, shortDevice } from './formatValue';
import { useRepositoryData } from './useRepositoryData';
import { useValueText } from './useValueText';

/** Everything this computer knows of a record's changes, newest first; refreshed when the record changes. */
async function loadHistory(entity: EntityType, id: string): Promise<{ entries: HistoryEntry[]; device: string }> {
  const { repository } = getStore();
  const [entries, device] = await Promise.all([repository.history(entity, id), repository.deviceId()]);
  return { entries: entries.reverse(), device };
}

/**
 * A record's field-level history: who changed what, when, on which device, from which value to which.
 * It is read from the change log every replica keeps, so it is there offline and shows changes that
 * arrived from other computers too. `hiddenFields` (personal data the reader may not see) are left out.
 */
export function RecordHistory({ entity, id, hiddenFields }: { entity: EntityType; id: string; hiddenFields?: readonly string[] }) {
  const { t } = useTranslation('history');
  const language = useUiStore((s) => s.language);
  const headingId = useId();
  const { fieldLabel, changeText } = useValueText();
  const history = useRepositoryData(
    `${entity}:${id}`,
    () => loadHistory(entity, id),
    (changes) => changes.some((change) => change.entity === entity && change.ids.includes(id)),
  );

  const entries = history.phase === 'ready' ? history.data.entries.filter((entry) => !hiddenFields?.includes(entry.field)) : [];

  return (
    <section className="card history" aria-labelledby={headingId} data-testid="history">
      <h2 id={headingId}>{t('title')}</h2>
      {history.phase === 'loading' ? (
        <p className="muted">{t('loading')}</p>
      ) : history.phase === 'failed' ? (
        <p className="notice error">{t('loadFailed', { message: history.message })}</p>
      ) : entries.length === 0 ? (
        <p className="muted" data-testid="history-empty">
          {t('empty')}
        </p>
      ) : (
        <table className="history-table">
          <caption className="visually-hidden">{t('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('who')}</th>
              <th scope="col">{t('device')}</th>
              <th scope="col">{t('field')}</th>
              <th scope="col">{t('change')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const [before, after] = changeText(entity, entry.field, entry.previous, entry.value);
              const ours = entry.device === history.data.device;
              return (
                <tr key={entry.stamp} data-testid="history-entry" data-field={entry.field}>
                  <td className="nowrap">
                    <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                  </td>
                  <td className="nowrap">{shortAuthor(entry.author)}</td>
                  <td className="nowrap" title={entry.device}>
                    {shortDevice(entry.device)}
                    {ours && <span className="muted"> ({t('thisComputer')})</span>}
                  </td>
                  <td>{fieldLabel(entity, entry.field, entry.value)}</td>
                  <td className="history-change">
                    {entry.field === deletedField ? null : entry.previous === undefined ? (
                      <span className="history-new">{after}</span>
                    ) : (
                      <>
                        <del className="history-old">
                          <span className="visually-hidden">{t('from')} </span>
                          {before}
                        </del>
                        <span aria-hidden="true"> → </span>
                        <ins className="history-new">
                          <span className="visually-hidden">{t('to')} </span>
                          {after}
                        </ins>
                      </>
                    )}
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
