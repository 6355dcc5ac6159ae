import { activityKinds, activityStatuses, contentLanguages, countries, modalities, priorityAreas, type ActivityKind, type ContentLanguage } from '@shared/domain';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { CheckboxGroup, Field } from '../../ui/Field';
import { FormSummary } from '../../ui/FormSummary';
import { RecordPicker } from '../../ui/RecordPicker';
import { useRecordForm } from '../../ui/useRecordForm';
import { RecordLockNotice } from '../review/RecordLockNotice';
import { activityToForm, emptyActivityForm, formLanguages, suggestedLocalLanguage, toActivityDraft } from './activityForm';
import { activityListPath, detailsFromSearch, kindFromSearch } from './activityFilterUrl';
import { KindDetailsSection } from './KindDetailsSection';
import { usePickerSources } from './usePickerSources';

/** A missing kind shows up on `details` (no kind-specific section matches); show it on the kind selector. */
const activityErrorField = (path: string) => {
  if (path === 'details' || path === 'details.kind') return 'kind';
  // A problem with one language of the title (too long) shows on the title.
  return path.startsWith('title.') ? 'title' : path;
};
const activityForm = { entity: 'activity', empty: emptyActivityForm, fromRecord: activityToForm, toDraft: toActivityDraft, errorField: activityErrorField } as const;

export function ActivityFormPage() {
  const { id } = useParams();
  // A new activity from a modality's list starts with its kind (`/activities/new?kind=joint-lab`).
  const [search] = useSearchParams();
  const kind = id ? '' : kindFromSearch(search);
  // …and, started from a training center or a technology match, is linked to it.
  const details = detailsFromSearch(kind, search);
  // A fresh form for each record: going from editing one activity to a new one never carries values over.
  return <ActivityForm key={id ?? `new:${search.toString()}`} id={id} kind={kind} details={details} />;
}

function ActivityForm({ id, kind, details }: { id: string | undefined; kind: ActivityKind | ''; details: Record<string, string> }) {
  const { t } = useTranslation('activities');
  const label = useLabel();
  const language = useUiStore((state) => state.language);
  const listPath = activityListPath(useUiStore((state) => state.activityFilter));
  const navigate = useNavigate();
  const sources = usePickerSources(language, t('detail.unknownRecord'));
  // An approved record is `locked`: the form says why (RecordLockNotice) and does not offer to save.
  const { values, update, phase, errors, saving, save, formRef, locked } = useRecordForm({ ...activityForm, id, empty: () => ({ ...emptyActivityForm(), kind, details }) });

  if (phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('detail.notFound') : t('common:form.loadFailed')}</h1>
        <Link to={listPath}>{t('detail.backToList')}</Link>
      </section>
    );

  const languages = formLanguages(values);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const record = await save();
    if (record) navigate(`/activities/${record.id}`, { state: { saved: true } });
  };

  return (
    <section className="page" aria-labelledby="activity-form-heading">
      <div className="page-header">
        <h1 id="activity-form-heading">{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      </div>
      <RecordLockNotice entity="activity" recordId={id} />
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="activity-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        {/* Locked in review: every field disabled (the notice above says why and who can unlock it). */}
        <fieldset className="lock-fieldset" disabled={locked}>
          <fieldset className="form-section">
            <legend>{t('form.basics')}</legend>
            <div className="form-grid">
              <Field label={t('fields.kind')} error={errors.kind} required>
                {(props) => (
                  <select {...props} value={values.kind} onChange={(e) => update({ kind: e.target.value as ActivityKind, details: {} })} data-testid="field-kind">
                    <option value="">{t('form.chooseKind')}</option>
                    {modalities.map((modality) => (
                      <optgroup key={modality.code} label={label(modality.label)}>
                        {activityKinds
                          .filter((kind) => kind.modality === modality.code)
                          .map((kind) => (
                            <option key={kind.code} value={kind.code}>
                              {label(kind.label)}
                            </option>
                          ))}
                      </optgroup>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('fields.status')} error={errors.status} required>
                {(props) => (
                  <select {...props} value={values.status} onChange={(e) => update({ status: e.target.value })} data-testid="field-status">
                    {activityStatuses.map((status) => (
                      <option key={status.code} value={status.code}>
                        {label(status.label)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.titleAndDescription')}</legend>
            <p className="field-hint">{t('form.titleHint')}</p>
            <Field label={t('form.localLanguage')}>
              {(props) => (
                <select {...props} value={values.localLanguage} onChange={(e) => update({ localLanguage: e.target.value as ContentLanguage | '' })} data-testid="field-local-language">
                  <option value="">{t('form.noLocalLanguage')}</option>
                  {contentLanguages
                    .filter((l) => l !== 'en' && l !== 'zh')
                    .map((l) => (
                      <option key={l} value={l}>
                        {t(`languages.${l}`)}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <div className="form-grid">
              {languages.map((l, index) => (
                <Field key={l} label={t('fields.titleIn', { language: t(`languages.${l}`) })} error={index === 0 ? errors.title : undefined} required={index === 0}>
                  {(props) => (
                    <input
                      {...props}
                      lang={l}
                      value={values.title[l] ?? ''}
                      onChange={(e) => update({ title: { ...values.title, [l]: e.target.value } })}
                      data-testid={`field-title-${l}`}
                    />
                  )}
                </Field>
              ))}
            </div>
            <div className="form-grid">
              {languages.map((l) => (
                <Field key={l} label={t('fields.descriptionIn', { language: t(`languages.${l}`) })} error={errors[`description.${l}`]}>
                  {(props) => (
                    <textarea
                      {...props}
                      lang={l}
                      rows={4}
                      value={values.description[l] ?? ''}
                      onChange={(e) => update({ description: { ...values.description, [l]: e.target.value } })}
                      data-testid={`field-description-${l}`}
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.scope')}</legend>
            <CheckboxGroup
              legend={t('fields.countries')}
              error={errors.countries}
              testId="field-countries"
              columns={4}
              options={countries.map((c) => ({ value: c.code, label: label(c.label) }))}
              value={values.countries}
              onChange={(next) => update({ countries: next, localLanguage: values.localLanguage || suggestedLocalLanguage(next) })}
            />
            <CheckboxGroup
              legend={t('fields.priorityAreas')}
              error={errors.priorityAreas}
              testId="field-priority-areas"
              columns={2}
              options={priorityAreas.map((a) => ({ value: a.code, label: label(a.label), depth: a.depth }))}
              value={values.priorityAreas}
              onChange={(next) => update({ priorityAreas: next })}
            />
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.dates')}</legend>
            <div className="form-grid four">
              {(['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const).map((name) => (
                <Field key={name} label={t(`fields.${name}`)} error={errors[name]} required={name === 'plannedStart'}>
                  {(props) => <input {...props} type="date" value={values[name]} onChange={(e) => update({ [name]: e.target.value })} data-testid={`field-${name}`} />}
                </Field>
              ))}
            </div>
          </fieldset>

          {values.kind && (
            <KindDetailsSection
              kind={values.kind}
              values={values.details}
              errors={errors}
              sources={sources}
              onChange={(name, value) => update({ details: { ...values.details, [name]: value } })}
            />
          )}

          <fieldset className="form-section">
            <legend>{t('form.other')}</legend>
            <div className="form-grid">
              <Field label={t('fields.parent')} error={errors.parentId}>
                {(props) => (
                  <RecordPicker
                    id={props.id}
                    invalid={props['aria-invalid']}
                    describedBy={props['aria-describedby']}
                    options={sources.parents.filter((option) => option.id !== id)}
                    value={values.parentId || undefined}
                    onChange={(parentId) => update({ parentId: parentId ?? '' })}
                    placeholder={t('form.typeToSearch')}
                    clearLabel={t('form.clear')}
                    unknownLabel={t('common:form.unknownRecord')}
                  />
                )}
              </Field>
              <Field label={t('fields.iatiIdentifier')} error={errors.iatiIdentifier}>
                {(props) => <input {...props} value={values.iatiIdentifier} onChange={(e) => update({ iatiIdentifier: e.target.value })} />}
              </Field>
              <Field label={t('fields.defaultCurrency')} error={errors.defaultCurrency} hint={t('form.currencyHint')}>
                {(props) => <input {...props} value={values.defaultCurrency} maxLength={3} onChange={(e) => update({ defaultCurrency: e.target.value })} />}
              </Field>
            </div>
          </fieldset>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || locked} data-testid="save-activity">
            {saving ? t('form.saving') : t('form.save')}
          </button>
          <Link className="button" to={id ? `/activities/${id}` : listPath}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
