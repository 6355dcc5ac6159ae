import { deletedField } from '@shared/sync/change';
import type { Resolution } from '@shared/sync/engine';
import { stampTime } from '@shared/sync/hlc';
import type { Conflict, ConflictHead } from '@shared/sync/merge';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../state/uiStore';
import { formatDateTime } from '../../ui/format';
import { shortAuthor, shortDevice } from '../history/formatValue';
import type { RecordNames } from '../history/recordNames';
import { useValueText } from '../history/useValueText';
import { conflictPrivacy } from './conflictModel';
import { MergeEditor } from './MergeEditor';

interface SideProps {
  head: ConflictHead;
  /** The value as text: in a delete conflict, with the field it is of. */
  text: string;
  /** The value is personal data the reader may not see: `text` says so instead. */
  hidden: boolean;
  shown: boolean;
  ownDevice: string;
  busy: boolean;
  onKeep?: () => void;
}

/** One of the competing values, with who wrote it, on which device and when. */
function ConflictSide({ head, text, hidden, shown, ownDevice, busy, onKeep }: SideProps) {
  const { t } = useTranslation('conflicts');
  const language = useUiStore((s) => s.language);
  const id = useId();
  const at = stampTime(head.stamp);

  return (
    <section className={`conflict-side${shown ? ' shown' : ''}`} aria-labelledby={`${id}-value`} data-testid="conflict-head" data-shown={shown}>
      {shown && <p className="badge shown-now">{t('shownNow')}</p>}
      <p id={`${id}-value`} className={`conflict-value${hidden ? ' muted' : ''}`} data-testid="conflict-value" data-hidden={hidden || undefined}>
        {text}
      </p>
      <dl id={`${id}-meta`} className="conflict-meta">
        <div>
          <dt>{t('who')}</dt>
          <dd data-testid="conflict-author">{shortAuthor(head.author)}</dd>
        </div>
        <div>
          <dt>{t('device')}</dt>
          <dd title={head.device}>
            {shortDevice(head.device)}
            {head.device === ownDevice && <span className="muted"> ({t('thisComputer')})</span>}
          </dd>
        </div>
        <div>
          <dt>{t('when')}</dt>
          <dd>
            <time dateTime={at}>{formatDateTime(at, language)}</time>
          </dd>
        </div>
      </dl>
      {onKeep && (
        <button type="button" className="button" disabled={busy} onClick={onKeep} aria-describedby={`${id}-value ${id}-meta`} data-testid="keep-value">
          {t('keepThis')}
        </button>
      )}
    </section>
  );
}

/**
 * One open conflict: the competing values side by side and the ways out. A field conflict: keep one of
 * the values, or type a merged one. An edit made while the record was deleted: keep it deleted, or bring
 * it back with the edits.
 */
export function ConflictCard({
  conflict,
  record,
  ownDevice,
  busy,
  onResolve,
  hiddenFields = [],
  names,
}: {
  conflict: Conflict;
  record: object | undefined;
  ownDevice: string;
  busy: boolean;
  onResolve: (conflict: Conflict, resolution: Resolution) => void;
  /** Fields whose values the reader may not see (a person's personal data): listed as hidden, not resolved here. */
  hiddenFields?: readonly string[];
  /** Names of the records the values' ids point to. */
  names?: RecordNames;
}) {
  const { t } = useTranslation('conflicts');
  const { fieldLabel, valueText, valuesText } = useValueText(names);
  const headingId = useId();
  const isDelete = conflict.kind === 'delete';
  const { entity } = conflict;
  const { hidden, hiddenHeads } = conflictPrivacy(conflict, hiddenFields);

  // In a delete conflict the sides are the delete and the edits made without seeing it, field by field.
  const texts = isDelete
    ? conflict.heads.map((head) =>
        head.field === deletedField
          ? fieldLabel(entity, deletedField, head.value)
          : `${fieldLabel(entity, head.field)}: ${hiddenHeads.has(head.stamp) ? t('personal.value') : valueText(entity, head.field, head.value)}`,
      )
    : hidden
      ? conflict.heads.map(() => t('personal.value'))
      : valuesText(entity, conflict.field, conflict.heads.map((head) => head.value));

  return (
    <article className="card conflict" aria-labelledby={headingId} data-testid="conflict" data-field={conflict.field} data-kind={conflict.kind}>
      <h3 id={headingId}>{isDelete ? t('deleteHeading') : fieldLabel(entity, conflict.field)}</h3>
      <p className="muted">{isDelete ? t('deleteExplain') : t('fieldExplain')}</p>
      {hidden && (
        <p className="notice" data-testid="conflict-personal-hidden">
          {t('personal.explain')}
        </p>
      )}
      <div className="conflict-sides">
        {conflict.heads.map((head, i) => (
          <ConflictSide
            key={head.stamp}
            head={head}
            text={texts[i] ?? ''}
            hidden={hidden || hiddenHeads.has(head.stamp)}
            shown={i === 0}
            ownDevice={ownDevice}
            busy={busy}
            onKeep={isDelete || hidden ? undefined : () => onResolve(conflict, { keep: head.stamp })}
          />
        ))}
      </div>
      {isDelete ? (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => onResolve(conflict, { deleted: true })} data-testid="keep-deleted">
            {t('keepDeleted')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => onResolve(conflict, { deleted: false })} data-testid="restore">
            {t('restore')}
          </button>
        </div>
      ) : hidden ? null : (
        <MergeEditor conflict={conflict} record={record} busy={busy} onSave={(value) => onResolve(conflict, { value })} />
      )}
    </article>
  );
}
