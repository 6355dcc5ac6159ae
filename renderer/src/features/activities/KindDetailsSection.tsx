import { contentLanguages, priorityAreas, type ActivityKind } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import type { RecordOption } from '../../db/pickerOptions';
import { useLabel } from '../../i18n';
import { CheckboxGroup, Field } from '../../ui/Field';
import { RecordPicker } from '../../ui/RecordPicker';
import { kindFields, type KindField } from './kindFields';

export interface PickerSources {
  organizations: RecordOption[];
  people: RecordOption[];
  trainingCenters: RecordOption[];
  /** Technology matches (a technology-transfer activity follows one up). */
  matches: RecordOption[];
}

const policyTopics = priorityAreas.filter((area) => area.parent === 'policy');

/** The part of the activity form that depends on its kind. */
export function KindDetailsSection({
  kind,
  values,
  errors,
  onChange,
  sources,
}: {
  kind: ActivityKind;
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (name: string, value: string) => void;
  sources: PickerSources;
}) {
  const { t } = useTranslation('activities');
  const label = useLabel();

  const render = (field: KindField) => {
    const value = values[field.name] ?? '';
    const error = errors[`details.${field.name}`];
    const fieldLabel = t(`details.${field.name}`);
    if (field.type === 'policyTopics') {
      return (
        <CheckboxGroup
          key={field.name}
          legend={fieldLabel}
          error={error}
          columns={2}
          options={policyTopics.map((topic) => ({ value: topic.code, label: label(topic.label) }))}
          value={value ? value.split('\n') : []}
          onChange={(next) => onChange(field.name, next.join('\n'))}
        />
      );
    }
    return (
      <Field key={field.name} label={fieldLabel} error={error} hint={field.type === 'list' ? t('form.oneItemPerLine') : undefined}>
        {(props) => {
          switch (field.type) {
            case 'textarea':
            case 'list':
              return <textarea {...props} rows={3} value={value} onChange={(e) => onChange(field.name, e.target.value)} />;
            case 'number':
              return <input {...props} type="text" inputMode="decimal" value={value} onChange={(e) => onChange(field.name, e.target.value)} />;
            case 'date':
              return <input {...props} type="date" value={value} onChange={(e) => onChange(field.name, e.target.value)} />;
            case 'select':
              return (
                <select {...props} value={value || field.options?.[0]} onChange={(e) => onChange(field.name, e.target.value)}>
                  {field.options?.map((option) => (
                    <option key={option} value={option}>
                      {t(`options.${option}`)}
                    </option>
                  ))}
                </select>
              );
            case 'language':
              return (
                <select {...props} value={value} onChange={(e) => onChange(field.name, e.target.value)}>
                  <option value="">{t('form.notSet')}</option>
                  {contentLanguages.map((language) => (
                    <option key={language} value={language}>
                      {t(`languages.${language}`)}
                    </option>
                  ))}
                </select>
              );
            case 'organization':
            case 'person':
            case 'activity':
            case 'technologyMatch': {
              const options = { organization: sources.organizations, person: sources.people, activity: sources.trainingCenters, technologyMatch: sources.matches }[field.type];
              return (
                <RecordPicker
                  id={props.id}
                  invalid={props['aria-invalid']}
                  describedBy={props['aria-describedby']}
                  options={options}
                  value={value || undefined}
                  onChange={(id) => onChange(field.name, id ?? '')}
                  placeholder={t('form.typeToSearch')}
                  clearLabel={t('form.clear')}
                  unknownLabel={t('common:form.unknownRecord')}
                />
              );
            }
            default:
              return <input {...props} type="text" value={value} onChange={(e) => onChange(field.name, e.target.value)} />;
          }
        }}
      </Field>
    );
  };

  return (
    <fieldset className="form-section" data-testid="kind-section">
      <legend>{t('form.kindSection')}</legend>
      <div className="form-grid">{kindFields[kind].map(render)}</div>
    </fieldset>
  );
}
