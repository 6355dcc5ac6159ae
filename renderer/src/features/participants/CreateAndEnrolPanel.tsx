import { aseanCountryCodes, countries, issuesByPath, personRoles, sexes, type Activity, type Person, type PersonRole } from '@shared/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createAndEnrol } from '../../db/participants';
import { useOrganizationOptions } from '../../ui/useOrganizationOptions';
import { useIssueText, useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { Field } from '../../ui/Field';
import { blankToUndefined } from '../../ui/formValues';
import { RecordPicker } from '../../ui/RecordPicker';
import { nativeLanguageOf } from '../people/personForm';
import { defaultRoleFor } from './enrolment';

interface Values {
  nameNative: string;
  nameRomanized: string;
  sex: string;
  country: string;
  organizationId: string;
  role: PersonRole;
}

/** The country a new participant most likely comes from: the desk's own, else the activity's ASEAN one. */
function likelyCountry(activity: Activity, deskCountries: readonly string[]): string {
  const mine = deskCountries.find((c) => (activity.countries as readonly string[]).includes(c));
  return mine ?? activity.countries.find((c) => aseanCountryCodes.includes(c)) ?? activity.countries[0] ?? '';
}

/**
 * A person who turns up on the day: registered with the few fields enrolment needs (names, sex, country,
 * organization, role) and enrolled at once. The rest of their record is completed on their page later.
 */
export function CreateAndEnrolPanel({ activity, onDone, onClose }: { activity: Activity; onDone: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation('participants');
  const label = useLabel();
  const issueText = useIssueText();
  const principal = usePrincipal();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = (): Values => ({
    nameNative: '',
    nameRomanized: '',
    sex: '',
    country: likelyCountry(activity, principal?.countries ?? []),
    organizationId: '',
    role: defaultRoleFor(activity.details.kind),
  });
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const organizations = useOrganizationOptions();


  const update = (patch: Partial<Values>) => {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key];
      // The name check is on either name: typing one clears it. The role is checked as the person's roles.
      if ('nameNative' in patch) delete next.nameRomanized;
      if ('role' in patch) delete next.roles;
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const nameNative = blankToUndefined(values.nameNative);
      const outcome = await createAndEnrol(
        activity.id,
        {
          nameNative,
          nameNativeLanguage: nameNative ? nativeLanguageOf(values.country) || undefined : undefined,
          nameRomanized: blankToUndefined(values.nameRomanized),
          sex: values.sex as Person['sex'],
          country: values.country as Person['country'],
          organizationId: blankToUndefined(values.organizationId),
          roles: [values.role],
        },
        values.role,
      );
      if (outcome.ok) {
        const name = outcome.person.nameRomanized ?? outcome.person.nameNative ?? '';
        setValues(initial());
        setErrors({});
        onDone(t('create.done', { name }));
        formRef.current?.querySelector<HTMLElement>('input')?.focus();
        return;
      }
      const next: Record<string, string> = {};
      for (const [path, issue] of Object.entries(issuesByPath(outcome.issues))) next[path || 'form'] = issueText(issue.message, issue.params);
      setErrors(next);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } catch (error) {
      setErrors({ form: t('create.failed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const select = (name: 'sex' | 'country' | 'role', options: readonly { value: string; label: string }[], required: boolean) => (
    <Field label={t(`create.${name}`)} error={errors[name === 'role' ? 'roles' : name]} required={required}>
      {(props) => (
        <select {...props} value={values[name]} onChange={(e) => update({ [name]: e.target.value })} data-testid={`create-${name}`}>
          {name !== 'role' && <option value="">{t('create.choose')}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <section className="form-section create-panel" aria-labelledby={headingId} data-testid="create-panel">
      <h3 id={headingId}>{t('create.title')}</h3>
      <form ref={formRef} onSubmit={submit} noValidate>
        {errors.form && (
          <p className="notice error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="form-grid">
          <Field label={t('create.nameNative')} error={errors.nameNative}>
            {(props) => (
              <input
                {...props}
                lang={nativeLanguageOf(values.country) || undefined}
                value={values.nameNative}
                onChange={(e) => update({ nameNative: e.target.value })}
                data-testid="create-name-native"
              />
            )}
          </Field>
          <Field label={t('create.nameRomanized')} error={errors.nameRomanized}>
            {(props) => <input {...props} value={values.nameRomanized} onChange={(e) => update({ nameRomanized: e.target.value })} data-testid="create-name-romanized" />}
          </Field>
          {select(
            'sex',
            sexes.map((s) => ({ value: s.code, label: label(s.label) })),
            true,
          )}
          {select(
            'country',
            countries.map((c) => ({ value: c.code, label: label(c.label) })),
            true,
          )}
          <Field label={t('create.organization')} error={errors.organizationId}>
            {(props) => (
              <RecordPicker
                id={props.id}
                invalid={props['aria-invalid']}
                describedBy={props['aria-describedby']}
                options={organizations}
                value={values.organizationId || undefined}
                onChange={(organizationId) => update({ organizationId: organizationId ?? '' })}
                placeholder={t('create.typeToSearch')}
                clearLabel={t('create.clear')}
                unknownLabel={t('common:form.unknownRecord')}
              />
            )}
          </Field>
          {select(
            'role',
            personRoles.map((r) => ({ value: r.code, label: label(r.label) })),
            true,
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="create-submit">
            {t('create.submit')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('create.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
