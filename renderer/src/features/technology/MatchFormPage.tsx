import { matchStatuses } from '@shared/domain';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useIssueText } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { FormSummary } from '../../ui/FormSummary';
import { RecordPicker } from '../../ui/RecordPicker';
import { useRecordForm } from '../../ui/useRecordForm';
import { RecordLockNotice } from '../review/RecordLockNotice';
import { emptyMatchForm, existingMatch, matchToForm, toMatchDraft } from './technologyForms';
import { useTechnologyLists } from './useTechnologyFilter';
import { useTechnologyPickers } from './useTechnologyPickers';

const matchForm = { entity: 'technologyMatch', fromRecord: matchToForm, toDraft: toMatchDraft } as const;

export function MatchFormPage() {
  const { id } = useParams();
  // A match started from an offer or a need (`/technology/matches/new?offer=…`) has that side chosen.
  const [search] = useSearchParams();
  const offerId = id ? '' : (search.get('offer') ?? '');
  const needId = id ? '' : (search.get('need') ?? '');
  return <MatchForm key={id ?? `new:${offerId}:${needId}`} id={id} offerId={offerId} needId={needId} />;
}

function MatchForm({ id, offerId, needId }: { id: string | undefined; offerId: string; needId: string }) {
  const { t } = useTranslation('technology');
  const issueText = useIssueText();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const pickers = useTechnologyPickers(language, { people: true, offersAndNeeds: true });
  const lists = useTechnologyLists();
  // An approved match is `locked`: the notice says why, the fields and Save are disabled.
  const { values, update, phase, errors, saving, save, formRef, locked } = useRecordForm({ ...matchForm, id, empty: () => ({ ...emptyMatchForm(), offerId, needId }) });

  if (phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('detail.notFound') : t('common:form.loadFailed')}</h1>
        <Link to="/technology/matches">{t('detail.backToList')}</Link>
      </section>
    );

  // A pair is matched once: a second match of the same offer and need is refused here, with a link to the first.
  const duplicate = lists.phase === 'ready' ? existingMatch(lists.data.matches.map((row) => row.match), values.offerId, values.needId, id) : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (duplicate) return;
    const record = await save();
    if (record) navigate(`/technology/matches/${record.id}`, { state: { saved: true } });
  };
  const required = (field: 'offerId' | 'needId') => (errors[field] && !values[field] ? issueText('v.required') : errors[field]);

  const picker = (field: 'offerId' | 'needId' | 'brokerPersonId', options: typeof pickers.offers) => (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => (
    <RecordPicker
      id={props.id}
      invalid={props['aria-invalid']}
      describedBy={props['aria-describedby']}
      options={options}
      value={values[field] || undefined}
      onChange={(chosen) => update({ [field]: chosen ?? '' })}
      placeholder={t('form.typeToSearch')}
      clearLabel={t('form.clear')}
      unknownLabel={t('common:form.unknownRecord')}
    />
  );

  return (
    <section className="page" aria-labelledby="match-form-heading">
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('title')}</p>
          <h1 id="match-form-heading">{id ? t('form.editMatch') : t('form.newMatch')}</h1>
        </div>
      </div>
      <RecordLockNotice entity="technologyMatch" recordId={id} />
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="match-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        {duplicate && (
          <div className="notice error" role="alert" data-testid="match-duplicate">
            {t('form.duplicate')} <Link to={`/technology/matches/${duplicate.id}`}>{t('form.openExisting')}</Link>
          </div>
        )}
        {/* Locked in review: every field disabled (the notice above says why and who can unlock it). */}
        <fieldset className="lock-fieldset" disabled={locked}>
          <fieldset className="form-section">
            <legend>{t('form.sides')}</legend>
            <div className="form-grid">
              <Field label={t('fields.offer')} error={required('offerId')} required>
                {picker('offerId', pickers.offers)}
              </Field>
              <Field label={t('fields.need')} error={required('needId')} required>
                {picker('needId', pickers.needs)}
              </Field>
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>{t('form.progress')}</legend>
            <div className="form-grid">
              <Field label={t('fields.status')} error={errors.status} required>
                {(props) => (
                  <select {...props} value={values.status} onChange={(e) => update({ status: e.target.value })} data-testid="match-status">
                    {matchStatuses.map((status) => (
                      <option key={status} value={status}>
                        {t(`status.${status}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('fields.statusDate')} error={errors.statusDate} required>
                {(props) => <input {...props} type="date" value={values.statusDate} onChange={(e) => update({ statusDate: e.target.value })} data-testid="match-status-date" />}
              </Field>
              <Field label={t('fields.broker')} error={errors.brokerPersonId}>
                {picker('brokerPersonId', pickers.people)}
              </Field>
            </div>
            <Field label={t('fields.notes')} error={errors.notes}>
              {(props) => <textarea {...props} rows={4} value={values.notes} onChange={(e) => update({ notes: e.target.value })} data-testid="match-notes" />}
            </Field>
          </fieldset>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || locked || Boolean(duplicate)} data-testid="save-match">
            {saving ? t('form.saving') : t('form.save')}
          </button>
          <Link className="button" to={id ? `/technology/matches/${id}` : '/technology/matches'}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
