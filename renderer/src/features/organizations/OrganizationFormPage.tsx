import { contentLanguages, countries, issuesByPath, organizationTypes, type ContentLanguage, type FieldIssue } from '@shared/domain';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { organizationOptions, type RecordOption } from '../../db/pickerOptions';
import { getRecord } from '../../db/reads';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { RecordPicker } from '../../ui/RecordPicker';
import { emptyOrganizationForm, organizationToForm, toOrganizationDraft, type OrganizationFormValues } from './organizationForm';

export function OrganizationFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('organizations');
  const label = useLabel();
  const issueText = useIssueText();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const [values, setValues] = useState<OrganizationFormValues>(emptyOrganizationForm);
  const [phase, setPhase] = useState<'loading' | 'missing' | 'ready'>(id ? 'loading' : 'ready');
  const [saveIssues, setSaveIssues] = useState<FieldIssue[]>([]);
  const [attempted, setAttempted] = useState(false);
  const [parents, setParents] = useState<RecordOption[]>([]);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    void organizationOptions(language).then(setParents);
  }, [language]);

  useEffect(() => {
    if (!id) return;
    void getRecord('organization', id).then((organization) => {
      if (!organization) return setPhase('missing');
      setValues(organizationToForm(organization));
      setPhase('ready');
    });
  }, [id]);

  // Once a save has failed, each message goes away as soon as its field is fixed.
  const liveIssues = useMemo(() => (attempted ? getStore().repository.validateDraft('organization', toOrganizationDraft(values)) : []), [attempted, values]);
  const issues = [...liveIssues, ...saveIssues];

  if (phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (phase === 'missing')
    return (
      <section className="page">
        <h1>{t('form.notFound')}</h1>
        <Link to="/organizations">{t('form.backToList')}</Link>
      </section>
    );

  const errors: Record<string, string> = {};
  for (const [path, issue] of Object.entries(issuesByPath(issues))) errors[path] = issueText(issue.message, issue.params);
  const update = (patch: Partial<OrganizationFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setSaveIssues([]);
  };
  const languages: ContentLanguage[] = values.localLanguage ? ['en', 'zh', values.localLanguage] : ['en', 'zh'];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const draft = toOrganizationDraft(values);
    const { repository } = getStore();
    const outcome = id ? await repository.replace('organization', id, draft) : await repository.create('organization', draft);
    if (outcome.ok) return navigate('/organizations');
    setAttempted(true);
    // Validation problems come back through liveIssues; keep only what validation cannot see (a deleted record).
    setSaveIssues(outcome.issues.filter((issue) => issue.message === 'v.notFound'));
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
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
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="organization-form">
        {Object.keys(errors).length > 0 && (
          <div className="form-summary" role="alert">
            {t('form.fixErrors', { count: Object.keys(errors).length })}
          </div>
        )}
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
                  options={parents.filter((p) => p.id !== id)}
                  value={values.parentId || undefined}
                  onChange={(parentId) => update({ parentId: parentId ?? '' })}
                  placeholder={t('form.typeToSearch')}
                  clearLabel={t('form.clear')}
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
        <div className="form-actions">
          <button type="submit" className="button primary" data-testid="save-organization">
            {t('form.save')}
          </button>
          <Link className="button" to="/organizations">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
