import { contentLanguages, countries, organizationTypes, type ContentLanguage } from '@shared/domain';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useOrganizationOptions } from '../../ui/useOrganizationOptions';
import { useLabel } from '../../i18n';
import { Field } from '../../ui/Field';
import { editedLanguages } from '../../ui/formValues';
import { FormSummary } from '../../ui/FormSummary';
import { RecordPicker } from '../../ui/RecordPicker';
import { useRecordForm } from '../../ui/useRecordForm';
import { RecordLockNotice } from '../review/RecordLockNotice';
import { emptyOrganizationForm, organizationToForm, toOrganizationDraft } from './organizationForm';

/** Stable for the form hook: what a "new organization" form starts from, and how drafts are made. */
const organizationForm = {
  entity: 'organization',
  empty: emptyOrganizationForm,
  fromRecord: organizationToForm,
  toDraft: toOrganizationDraft,
  errorField: (path: string) => (path.startsWith('name.') ? 'name' : path),
} as const;

export function OrganizationFormPage() {
  const { id } = useParams();
  // A fresh form for each record: going from editing one organization to a new one never carries values over.
  return <OrganizationForm key={id ?? 'new'} id={id} />;
}

function OrganizationForm({ id }: { id: string | undefined }) {
  const { t } = useTranslation('organizations');
  const label = useLabel();
  const navigate = useNavigate();
  // A record under review or approved is locked (ui/useRecordForm): its fields and Save are disabled, RecordLockNotice says why.
  const { values, update, phase, errors, saving, save, formRef, locked } = useRecordForm({ ...organizationForm, id });
  const parents = useOrganizationOptions();


  if (phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('form.notFound') : t('common:form.loadFailed')}</h1>
        <Link to="/organizations">{t('form.backToList')}</Link>
      </section>
    );

  const languages = editedLanguages(values.localLanguage);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locked) return;
    const record = await save();
    // A new organization goes back to the list it is added to; an edit to the page it was edited from.
    if (record) navigate(id ? `/organizations/${record.id}` : '/organizations', { state: { saved: true } });
  };

  const text = (name: 'acronym' | 'city' | 'address' | 'website' | 'email' | 'phone' | 'iatiIdentifier', type = 'text') => (
    <Field key={name} label={t(`fields.${name}`)} error={errors[name]}>
      {(props) => <input {...props} type={type} value={values[name]} onChange={(e) => update({ [name]: e.target.value })} data-testid={`org-${name}`} />}
    </Field>
  );

  return (
    <section className="page" aria-labelledby="organization-form-heading">
      <div className="page-header">
        <h1 id="organization-form-heading">{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      </div>
      <RecordLockNotice entity="organization" recordId={id} />
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="organization-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        {/* Locked in review: every field disabled (the notice above says why and who can unlock it). */}
        <fieldset className="lock-fieldset" disabled={locked}>
          <fieldset className="form-section">
            <legend>{t('form.name')}</legend>
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
                <Field key={l} label={t('fields.nameIn', { language: t(`activities:languages.${l}`) })} error={index === 0 ? errors.name : undefined} required={index === 0}>
                  {(props) => <input {...props} lang={l} value={values.name[l] ?? ''} onChange={(e) => update({ name: { ...values.name, [l]: e.target.value } })} data-testid={`org-name-${l}`} />}
                </Field>
              ))}
              {text('acronym')}
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>{t('form.identity')}</legend>
            <div className="form-grid">
              <Field label={t('fields.type')} error={errors.type} required>
                {(props) => (
                  <select {...props} value={values.type} onChange={(e) => update({ type: e.target.value })} data-testid="org-type">
                    <option value="">{t('form.choose')}</option>
                    {organizationTypes.map((type) => (
                      <option key={type.code} value={type.code}>
                        {label(type.label)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('fields.country')} error={errors.country} required>
                {(props) => (
                  <select {...props} value={values.country} onChange={(e) => update({ country: e.target.value })} data-testid="org-country">
                    <option value="">{t('form.choose')}</option>
                    {countries.map((c) => (
                      <option key={c.code} value={c.code}>
                        {label(c.label)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('fields.parent')} error={errors.parentId}>
                {(props) => (
                  <RecordPicker
                    id={props.id}
                    invalid={props['aria-invalid']}
                    describedBy={props['aria-describedby']}
                    options={parents.filter((p) => p.id !== id)}
                    value={values.parentId || undefined}
                    onChange={(parentId) => update({ parentId: parentId ?? '' })}
                    placeholder={t('form.typeToSearch')}
                    clearLabel={t('form.clear')}
                    unknownLabel={t('common:form.unknownRecord')}
                  />
                )}
              </Field>
              {text('iatiIdentifier')}
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>{t('form.contact')}</legend>
            <div className="form-grid">
              {text('city')}
              {text('address')}
              {text('website', 'url')}
              {text('email', 'email')}
              {text('phone', 'tel')}
            </div>
          </fieldset>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || locked} data-testid="save-organization">
            {t('form.save')}
          </button>
          <Link className="button" to={id ? `/organizations/${id}` : '/organizations'}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
