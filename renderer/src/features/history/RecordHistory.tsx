import type { EntityType } from '@shared/domain';
import { deletedField } from '@shared/sync/change';
import type { HistoryEntry } from '@shared/sync/engine';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { getRecord } from '../../db/reads';
import { getStore } from '../../db/store';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { formatDateTime } from '../../ui/format';
import { valuesFromHistory } from '../conflicts/conflictModel';
import { referencesIn, shortAuthor, shortDevice } from './formatValue';
import { hiddenFieldsOf, withoutHidden } from './personalData';
import { loadRecordNames, type RecordNames } from './recordNames';
import { useRepositoryData } from './useRepositoryData';
import { useValueText } from './useValueText';

interface LoadedHistory {
  entries: HistoryEntry[];
  device: string;
  /** A person's country as stored (or as their history last said): whose personal data it is. */
  country: unknown;
  /** Names of the records the values point to, and which those are (`entity:id`). */
  names: RecordNames;
  referenced: Set<string>;
}

/** Everything this computer knows of a record's changes, newest first, with the names its ids point to. */
async function loadHistory(entity: EntityType, id: string): Promise<LoadedHistory> {
  const { repository } = getStore();
  // Only a person's country decides what is hidden (personal data); no other record is read for it.
  const [entries, device, person] = await Promise.all([repository.history(entity, id), repository.deviceId(), entity === 'person' ? getRecord('person', id) : undefined]);
  const country = entity === 'person' ? (person ?? valuesFromHistory(entries)).country : undefined;
  const refs = entries.flatMap((entry) => [...referencesIn(entity, entry.field, entry.value), ...referencesIn(entity, entry.field, entry.previous)]);
  const names = await loadRecordNames(refs);
  return { entries: entries.reverse(), device, country, names, referenced: new Set(refs.map((ref) => `${ref.entity}:${ref.id}`)) };
}

/**
 * A record's field-level history: who changed what, when, on which device, from which value to which.
 * It is read from the change log every replica keeps, so it is there offline and shows changes that
 * arrived from other computers too. Personal data the reader may not see (a person's contact details,
 * for a role or country that does not work with them) is left out, and so are `hiddenFields`.
 */
export function RecordHistory({ entity, id, hiddenFields }: { entity: EntityType; id: string; hiddenFields?: readonly string[] }) {
  const { t } = useTranslation('history');
  const language = useUiStore((s) => s.language);
  const principal = usePrincipal();
  const headingId = useId();
  const referenced = useRef<ReadonlySet<string>>(new Set());
  const history = useRepositoryData(
    `${entity}:${id}`,
    () => loadHistory(entity, id),
    // This record's changes, and renames of the records its values point to.
    (changes) =>
      changes.some((change) => (change.entity === entity && change.ids.includes(id)) || change.ids.some((changed) => referenced.current.has(`${change.entity}:${changed}`))),
  );
  useEffect(() => {
    referenced.current = history.phase === 'ready' ? history.data.referenced : new Set();
  }, [history]);
  const { fieldLabel, changeText } = useValueText(history.phase === 'ready' ? history.data.names : undefined);

  const hidden = history.phase === 'ready' ? [...hiddenFieldsOf(entity, { country: history.data.country }, principal), ...(hiddenFields ?? [])] : [];
  const { shown: entries, hiddenCount } = withoutHidden(history.phase === 'ready' ? history.data.entries : [], hidden);

  return (
    <section className="card history" aria-labelledby={headingId} data-testid="history">
      <h2 id={headingId}>{t('title')}</h2>
      {history.phase === 'loading' ? (
        <p className="muted">{t('loading')}</p>
      ) : history.phase === 'failed' ? (
        <p className="notice error">{t('loadFailed', { message: history.message })}</p>
      ) : entries.length === 0 ? (
        <p className="muted" data-testid="history-empty">
          {hiddenCount > 0 ? t('onlyPersonalData') : t('empty')}
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
      {hiddenCount > 0 && entries.length > 0 && (
        <p className="muted" data-testid="history-personal-hidden">
          {t('personalDataHidden', { count: hiddenCount })}
        </p>
      )}
    </section>
  );
}
