import { canSeePersonalData, mayHandlePersonalData } from '@shared/access/personalData';
import { contentLanguages, countries, personRoles, sexes, type ContentLanguage, type Person, type PersonRole } from '@shared/domain';
import { useCallback, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useOrganizationOptions } from '../../ui/useOrganizationOptions';
import { useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { CheckboxGroup, Field } from '../../ui/Field';
import { FormSummary } from '../../ui/FormSummary';
import { RecordPicker } from '../../ui/RecordPicker';
import { useRecordForm } from '../../ui/useRecordForm';
import { RecordLockNotice } from '../review/RecordLockNotice';
import { emptyPersonForm, nativeLanguageOf, personToForm, toPersonDraft, type PersonFormValues } from './personForm';

export function PersonFormPage() {
  const { id } = useParams();
  // A fresh form for each record: going from editing one person to a new one never carries values over.
  return <PersonForm key={id ?? 'new'} id={id} />;
}

function PersonForm({ id }: { id: string | undefined }) {
  const { t } = useTranslation('people');
  const label = useLabel();
  const navigate = useNavigate();
  const principal = usePrincipal();
  const organizations = useOrganizationOptions();

  // What the form shows of personal data follows the signed-in person's role (shared/src/access/personalData.ts).
  const empty = useCallback(() => emptyPersonForm(mayHandlePersonalData(principal)), [principal]);
  const fromRecord = useCallback((person: Person) => personToForm(person, canSeePersonalData(principal, person)), [principal]);
  // A record under review or approved is locked (ui/useRecordForm): its fields and Save are disabled, RecordLockNotice says why.
  const { values, update, phase, errors, saving, save, formRef, locked } = useRecordForm({ entity: 'person', id, empty, fromRecord, toDraft: toPersonDraft });


  if (phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('form.notFound') : t('common:form.loadFailed')}</h1>
        <Link to="/people">{t('form.backToList')}</Link>
      </section>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locked) return;
    const record = await save();
    if (record) navigate(`/people/${record.id}`, { state: { saved: true } });
  };

  const text = (name: 'nameRomanized' | 'position' | 'email' | 'phone', testId: string, type = 'text', required = false) => (
    <Field key={name} label={t(`fields.${name}`)} error={errors[name]} required={required}>
      {(props) => <input {...props} type={type} value={values[name]} onChange={(e) => update({ [name]: e.target.value })} data-testid={testId} />}
    </Field>
  );
  const countrySelect = (name: 'country' | 'nationality', testId: string, required: boolean, onChange: (code: string) => Partial<PersonFormValues>) => (
    <Field label={t(`fields.${name}`)} error={errors[name]} required={required}>
      {(props) => (
        <select {...props} value={values[name]} onChange={(e) => update(onChange(e.target.value))} data-testid={testId}>
          <option value="">{required ? t('form.choose') : t('form.notGiven')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {label(c.label)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <section className="page" aria-labelledby="person-form-heading">
      <div className="page-header">
        <h1 id="person-form-heading">{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      </div>
      <RecordLockNotice entity="person" recordId={id} />
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="person-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        {/* Locked in review: every field disabled (the notice above says why and who can unlock it). */}
        <fieldset className="lock-fieldset" disabled={locked} style={{ display: 'flex', flexDirection: 'column', gap: '1rem' }}>
          <fieldset className="form-section">
            <legend>{t('form.name')}</legend>
            <p className="field-hint">{t('form.nameHint')}</p>
            <div className="form-grid">
              <Field label={t('fields.nameNative')} error={errors.nameNative}>
                {(props) => (
                  <input
                    {...props}
                    lang={values.nameNativeLanguage || undefined}
                    value={values.nameNative}
                    onChange={(e) => update({ nameNative: e.target.value })}
                    data-testid="person-name-native"
                  />
                )}
              </Field>
              <Field label={t('fields.nameNativeLanguage')} error={errors.nameNativeLanguage}>
                {(props) => (
                  <select
                    {...props}
                    value={values.nameNativeLanguage}
                    onChange={(e) => update({ nameNativeLanguage: e.target.value as ContentLanguage | '' })}
                    data-testid="person-name-native-language"
                  >
                    <option value="">{t('form.notGiven')}</option>
                    {contentLanguages.map((l) => (
                      <option key={l} value={l}>
                        {t(`activities:languages.${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {text('nameRomanized', 'person-name-romanized')}
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.identity')}</legend>
            <div className="form-grid">
              <Field label={t('fields.sex')} error={errors.sex} required hint={t('form.sexHint')}>
                {(props) => (
                  <select {...props} value={values.sex} onChange={(e) => update({ sex: e.target.value })} data-testid="person-sex">
                    <option value="">{t('form.choose')}</option>
                    {sexes.map((sex) => (
                      <option key={sex.code} value={sex.code}>
                        {label(sex.label)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {countrySelect('country', 'person-country', true, (country) => ({
                country,
                // The native name's language, when not chosen yet, is the country's own.
                nameNativeLanguage: values.nameNativeLanguage || nativeLanguageOf(country),
              }))}
              {countrySelect('nationality', 'person-nationality', false, (nationality) => ({ nationality }))}
              {values.personalShown && (
                <Field label={t('fields.birthYear')} error={errors.birthYear}>
                  {(props) => (
                    <input {...props} type="number" inputMode="numeric" min={1900} max={2100} value={values.birthYear} onChange={(e) => update({ birthYear: e.target.value })} data-testid="person-birth-year" />
                  )}
                </Field>
              )}
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.work')}</legend>
            <div className="form-grid">
              <Field label={t('fields.organization')} error={errors.organizationId}>
                {(props) => (
                  <RecordPicker
                    id={props.id}
                    invalid={props['aria-invalid']}
                    describedBy={props['aria-describedby']}
                    options={organizations}
                    value={values.organizationId || undefined}
                    onChange={(organizationId) => update({ organizationId: organizationId ?? '' })}
                    placeholder={t('form.typeToSearch')}
                    clearLabel={t('form.clear')}
                    unknownLabel={t('common:form.unknownRecord')}
                  />
                )}
              </Field>
              {text('position', 'person-position')}
            </div>
            <CheckboxGroup
              legend={t('fields.roles')}
              error={errors.roles}
              testId="person-roles"
              options={personRoles.map((role) => ({ value: role.code as PersonRole, label: label(role.label) }))}
              value={values.roles}
              onChange={(roles) => update({ roles })}
            />
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.contact')}</legend>
            {values.personalShown ? (
              <div className="form-grid">
                {text('email', 'person-email', 'email')}
                {text('phone', 'person-phone', 'tel')}
              </div>
            ) : (
              <p className="muted" data-testid="personal-data-hidden">
                {t('personal.hiddenInForm')}
              </p>
            )}
          </fieldset>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || locked} data-testid="save-person">
            {saving ? t('form.saving') : t('form.save')}
          </button>
          <Link className="button" to={id ? `/people/${id}` : '/people'}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
