import { issuesByPath, labelOf, participationStatuses, personRoles, type Participation } from '@shared/domain';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ParticipantRow } from '../../db/participants';
import type { Draft } from '../../db/repository';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate } from '../../ui/format';
import { blankToUndefined } from '../../ui/formValues';
import { personName } from '../people/personSearch';

interface EditValues {
  status: Participation['status'];
  attendanceDays: string;
  completedOn: string;
  certificateNumber: string;
}

const editValuesOf = (p: Participation): EditValues => ({
  status: p.status,
  attendanceDays: p.attendanceDays === undefined ? '' : String(p.attendanceDays),
  completedOn: p.completedOn ?? '',
  certificateNumber: p.certificateNumber ?? '',
});

/** The participation with the row's edits, everything else as stored. */
function draftOf(p: Participation, values: EditValues): Draft<'participation'> {
  const { entity: _entity, id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = p;
  return {
    ...rest,
    status: values.status,
    attendanceDays: values.attendanceDays.trim() === '' ? undefined : Number(values.attendanceDays),
    completedOn: blankToUndefined(values.completedOn),
    certificateNumber: blankToUndefined(values.certificateNumber),
  };
}

/**
 * One participant: read, or edited in place (status, attendance days, completion date, certificate
 * number). Keyboard: "Edit" puts the focus on the status; Enter saves, Escape cancels. What the schema
 * refuses (a certificate number without completion) is said under its field, and nothing typed is lost.
 */
export function ParticipantRowView({
  row,
  enrolledTwice,
  onMessage,
}: {
  row: ParticipantRow;
  enrolledTwice: boolean;
  onMessage: (text: string, kind: 'success' | 'error') => void;
}) {
  const { t } = useTranslation('participants');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const issueText = useIssueText();
  const baseId = useId();
  const { participation, person } = row;
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<EditValues>(() => editValuesOf(participation));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const rowRef = useRef<HTMLTableRowElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  // Leaving the edit (saved, cancelled) puts the focus back on the row's Edit button, not on the page's top.
  const refocus = useRef(false);
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    editButtonRef.current?.focus();
  }, [editing]);
  const stopEditing = () => {
    refocus.current = true;
    setEditing(false);
  };
  const name = personName(person) || t('unknownPerson');

  const start = () => {
    setValues(editValuesOf(participation));
    setErrors({});
    setEditing(true);
  };
  const change = (patch: Partial<EditValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    // A message goes as soon as its field (or, for the certificate, the status) is changed.
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key];
      if ('status' in patch) delete next.certificateNumber;
      return next;
    });
  };
  const save = async () => {
    setSaving(true);
    try {
      const outcome = await getStore().repository.replace('participation', participation.id, draftOf(participation, values), participation.updatedAt);
      if (outcome.ok) {
        stopEditing();
        onMessage(t('row.saved', { name }), 'success');
        return;
      }
      const byPath = issuesByPath(outcome.issues);
      const next: Record<string, string> = {};
      for (const [path, issue] of Object.entries(byPath)) next[path || 'row'] = issueText(issue.message, issue.params);
      setErrors(next);
      // The first field to fix takes the focus, so a screen reader reads its message.
      requestAnimationFrame(() => rowRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } catch (error) {
      setErrors({ row: t('row.saveFailed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setSaving(false);
    }
  };
  const remove = async () => {
    if (!window.confirm(t('row.confirmRemove', { name }))) return;
    const outcome = await getStore().repository.remove('participation', participation.id);
    if (outcome.ok) onMessage(t('row.removed', { name }), 'success');
    else onMessage(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params), 'error');
  };
  const keys = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing();
    } else if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
      event.preventDefault();
      void save();
    }
  };

  /** An input of the row, labelled with its column and the person, its message tied to it. */
  const cell = (field: keyof EditValues, control: (props: { id: string; 'aria-label': string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode) => {
    const id = `${baseId}-${field}`;
    const error = errors[field];
    return (
      <td>
        {control({ id, 'aria-label': `${t(`columns.${field}`)} — ${name}`, 'aria-invalid': Boolean(error), 'aria-describedby': error ? `${id}-message` : undefined })}
        {error && (
          <p id={`${id}-message`} className="field-error" data-testid="field-error">
            {error}
          </p>
        )}
      </td>
    );
  };

  const nameCell = (
    <th scope="row">
      {person ? (
        <Link to={`/people/${person.id}`} lang={person.nameRomanized ? undefined : person.nameNativeLanguage}>
          {person.nameRomanized ?? person.nameNative}
        </Link>
      ) : (
        t('unknownPerson')
      )}
      {person?.nameRomanized && person.nameNative && (
        <div className="muted" lang={person.nameNativeLanguage}>
          {person.nameNative}
        </div>
      )}
      {enrolledTwice && (
        <div className="badge status-cancelled" data-testid="enrolled-twice">
          {t('row.enrolledTwice')}
        </div>
      )}
    </th>
  );

  if (!editing)
    return (
      <tr data-testid="participant-row" data-status={participation.status}>
        {nameCell}
        <td>{label(labelOf(personRoles, participation.role))}</td>
        <td>
          <span className={`badge participation-${participation.status}`}>{t(`status.${participation.status}`)}</span>
        </td>
        <td>{participation.attendanceDays}</td>
        <td className="nowrap">{formatDate(participation.completedOn, language)}</td>
        <td data-testid="certificate-number">{participation.certificateNumber}</td>
        <td className="nowrap">
          <button ref={editButtonRef} type="button" className="link-button" onClick={start} aria-label={t('row.editLabel', { name })} data-testid="edit-participant">
            {t('row.edit')}
          </button>
          <button type="button" className="link-button" onClick={remove} aria-label={t('row.removeLabel', { name })} data-testid="remove-participant">
            {t('row.remove')}
          </button>
        </td>
      </tr>
    );

  return (
    <tr ref={rowRef} data-testid="participant-row" data-editing="true" onKeyDown={keys}>
      {nameCell}
      <td>{label(labelOf(personRoles, participation.role))}</td>
      {cell('status', (props) => (
        <select {...props} autoFocus value={values.status} onChange={(e) => change({ status: e.target.value as EditValues['status'] })} data-testid="participant-status">
          {participationStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      ))}
      {cell('attendanceDays', (props) => (
        <input {...props} type="number" min={0} step={1} inputMode="numeric" size={4} value={values.attendanceDays} onChange={(e) => change({ attendanceDays: e.target.value })} data-testid="participant-attendance" />
      ))}
      {cell('completedOn', (props) => <input {...props} type="date" value={values.completedOn} onChange={(e) => change({ completedOn: e.target.value })} data-testid="participant-completed-on" />)}
      {cell('certificateNumber', (props) => (
        <input {...props} size={12} value={values.certificateNumber} onChange={(e) => change({ certificateNumber: e.target.value })} data-testid="participant-certificate" />
      ))}
      <td className="nowrap">
        <button type="button" className="button primary" onClick={() => void save()} disabled={saving} data-testid="save-participant">
          {t('row.save')}
        </button>{' '}
        <button type="button" className="button" onClick={stopEditing}>
          {t('row.cancel')}
        </button>
        {errors.row && (
          <p className="field-error" role="alert">
            {errors.row}
          </p>
        )}
      </td>
    </tr>
  );
}
