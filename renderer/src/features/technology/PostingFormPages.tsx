import { contentLanguages, countries, intellectualPropertyStatuses, priorityAreas, type ContentLanguage } from '@shared/domain';
import type { FormEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { CheckboxGroup, Field } from '../../ui/Field';
import { editedLanguages } from '../../ui/formValues';
import { FormSummary } from '../../ui/FormSummary';
import { RecordPicker } from '../../ui/RecordPicker';
import { useRecordForm } from '../../ui/useRecordForm';
import { RecordLockNotice } from '../review/RecordLockNotice';
import { emptyNeedForm, emptyOfferForm, needToForm, offerToForm, toNeedDraft, toOfferDraft, type NeedFormValues, type OfferFormValues } from './technologyForms';
import { useTechnologyPickers } from './useTechnologyPickers';

/** Where a problem is shown: a title in one language on the title; the provider or seeker on the organization. */
const postingErrorField = (path: string) => {
  if (path.startsWith('title.')) return 'title';
  if (path.startsWith('description.')) return 'description';
  if (path === 'providerOrganizationId' || path === 'seekerOrganizationId') return 'organizationId';
  return path;
};

const offerForm = { entity: 'technologyOffer', empty: emptyOfferForm, fromRecord: offerToForm, toDraft: toOfferDraft, errorField: postingErrorField } as const;
const needForm = { entity: 'technologyNeed', empty: emptyNeedForm, fromRecord: needToForm, toDraft: toNeedDraft, errorField: postingErrorField } as const;

export const readinessLevels = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export function OfferFormPage() {
  const { id } = useParams();
  return <OfferForm key={id ?? 'new'} id={id} />;
}

export function NeedFormPage() {
  const { id } = useParams();
  return <NeedForm key={id ?? 'new'} id={id} />;
}

function OfferForm({ id }: { id: string | undefined }) {
  return <PostingForm kind="offer" id={id} form={useRecordForm({ ...offerForm, id })} />;
}

function NeedForm({ id }: { id: string | undefined }) {
  return <PostingForm kind="need" id={id} form={useRecordForm({ ...needForm, id })} />;
}

/** What the shared form body needs of either form's hook. */
interface PostingFormState {
  values: OfferFormValues | NeedFormValues;
  update: (patch: Partial<OfferFormValues>) => void;
  phase: 'loading' | 'missing' | 'failed' | 'ready';
  errors: Record<string, string>;
  saving: boolean;
  save: () => Promise<{ id: string } | undefined>;
  formRef: RefObject<HTMLFormElement | null>;
  /** An approved record is locked: the form says why (RecordLockNotice) and does not offer to save. */
  locked: boolean;
}

/** The form of an offer or a need: they share everything but the offer's readiness and IP status. */
function PostingForm({ kind, id, form }: { kind: 'offer' | 'need'; id: string | undefined; form: PostingFormState }) {
  const { t } = useTranslation('technology');
  const label = useLabel();
  const issueText = useIssueText();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const pickers = useTechnologyPickers(language);
  const { phase, errors, saving, save, formRef, update, locked } = form;
  // The offer's own fields are only read when the form is an offer's.
  const values = form.values as OfferFormValues;
  const entity = kind === 'offer' ? 'technologyOffer' : 'technologyNeed';
  const listPath = kind === 'offer' ? '/technology/offers' : '/technology/needs';

  if (phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('detail.notFound') : t('common:form.loadFailed')}</h1>
        <Link to={listPath}>{t('detail.backToList')}</Link>
      </section>
    );

  const languages = editedLanguages(values.localLanguage);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const record = await save();
    if (record) navigate(`${listPath}/${record.id}`, { state: { saved: true } });
  };
  // An empty picker is "required", not "not a valid record identifier".
  const organizationError = errors.organizationId && !values.organizationId ? issueText('v.required') : errors.organizationId;
  const title = kind === 'offer' ? (id ? t('form.editOffer') : t('form.newOffer')) : id ? t('form.editNeed') : t('form.newNeed');

  return (
    <section className="page" aria-labelledby="posting-form-heading">
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('title')}</p>
          <h1 id="posting-form-heading">{title}</h1>
        </div>
      </div>
      <RecordLockNotice entity={entity} recordId={id} />
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid={`${kind}-form`}>
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        {/* Locked in review: every field disabled (the notice above says why and who can unlock it). */}
        <fieldset className="lock-fieldset" disabled={locked}>
          <fieldset className="form-section">
            <legend>{t('form.texts')}</legend>
            <Field label={t('form.localLanguage')}>
              {(props) => (
                <select {...props} value={values.localLanguage} onChange={(e) => update({ localLanguage: e.target.value as ContentLanguage | '' })}>
                  <option value="">{t('form.noLocalLanguage')}</option>
                  {contentLanguages
                    .filter((l) => l !== 'en' && l !== 'zh')
                    .map((l) => (
                      <option key={l} value={l}>
                        {t(`activities:languages.${l}`)}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <div className="form-grid">
              {languages.map((l, index) => (
                <Field
                  key={l}
                  label={t('fields.titleIn', { language: t(`activities:languages.${l}`) })}
                  error={index === 0 ? errors.title : undefined}
                  required={index === 0}
                  hint={index === 0 ? t('form.titleHint') : undefined}
                >
                  {(props) => <input {...props} lang={l} value={values.title[l] ?? ''} onChange={(e) => update({ title: { ...values.title, [l]: e.target.value } })} data-testid={`${kind}-title-${l}`} />}
                </Field>
              ))}
            </div>
            <div className="form-grid">
              {languages.map((l, index) => (
                <Field key={l} label={t('fields.descriptionIn', { language: t(`activities:languages.${l}`) })} error={index === 0 ? errors.description : undefined}>
                  {(props) => (
                    <textarea {...props} lang={l} rows={4} value={values.description[l] ?? ''} onChange={(e) => update({ description: { ...values.description, [l]: e.target.value } })} data-testid={`${kind}-description-${l}`} />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.who')}</legend>
            <div className="form-grid">
              <Field label={kind === 'offer' ? t('fields.provider') : t('fields.seeker')} error={organizationError} required>
                {(props) => (
                  <RecordPicker
                    id={props.id}
                    invalid={props['aria-invalid']}
                    describedBy={props['aria-describedby']}
                    options={pickers.organizations}
                    value={values.organizationId || undefined}
                    onChange={(organizationId) =>
                      update({ organizationId: organizationId ?? '', country: values.country || (organizationId && pickers.countryOf.get(organizationId)) || '' })
                    }
                    placeholder={t('form.typeToSearch')}
                    clearLabel={t('form.clear')}
                    unknownLabel={t('common:form.unknownRecord')}
                  />
                )}
              </Field>
              <Field label={t('fields.country')} error={errors.country} required>
                {(props) => (
                  <select {...props} value={values.country} onChange={(e) => update({ country: e.target.value })} data-testid={`${kind}-country`}>
                    <option value="">{t('form.choose')}</option>
                    {countries.map((c) => (
                      <option key={c.code} value={c.code}>
                        {label(c.label)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('fields.postedOn')} error={errors.postedOn} required>
                {(props) => <input {...props} type="date" value={values.postedOn} onChange={(e) => update({ postedOn: e.target.value })} data-testid={`${kind}-postedOn`} />}
              </Field>
            </div>
          </fieldset>

          {kind === 'offer' && (
            <fieldset className="form-section">
              <legend>{t('form.technology')}</legend>
              <div className="form-grid">
                <Field label={t('fields.readinessLevel')} error={errors.readinessLevel} required>
                  {(props) => (
                    <select {...props} value={values.readinessLevel} onChange={(e) => update({ readinessLevel: e.target.value })} data-testid="offer-readiness">
                      <option value="">{t('form.choose')}</option>
                      {readinessLevels.map((level) => (
                        <option key={level} value={String(level)}>
                          {t(`readiness.${level}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('fields.intellectualProperty')} error={errors.intellectualProperty}>
                  {(props) => (
                    <select {...props} value={values.intellectualProperty} onChange={(e) => update({ intellectualProperty: e.target.value })} data-testid="offer-ip">
                      <option value="">{t('form.notSet')}</option>
                      {intellectualPropertyStatuses.map((status) => (
                        <option key={status} value={status}>
                          {t(`ip.${status}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
            </fieldset>
          )}

          <fieldset className="form-section">
            <legend>{t('fields.priorityAreas')}</legend>
            <CheckboxGroup
              legend={t('fields.priorityAreas')}
              error={errors.priorityAreas}
              testId={`${kind}-priority-areas`}
              columns={2}
              options={priorityAreas.map((a) => ({ value: a.code, label: label(a.label), depth: a.depth }))}
              value={values.priorityAreas}
              onChange={(next) => update({ priorityAreas: next })}
            />
          </fieldset>

        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || locked} data-testid={`save-${kind}`}>
            {saving ? t('form.saving') : t('form.save')}
          </button>
          <Link className="button" to={id ? `${listPath}/${id}` : listPath}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
