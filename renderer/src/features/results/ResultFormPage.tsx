import { resultTypes } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { ChildRecordForm, ChildRecordPage, type ChildFormProps } from '../../ui/ChildRecordForm';
import { Field } from '../../ui/Field';
import { useRecordTitle } from '../../ui/useLiveRecord';
import { useRecordForm } from '../../ui/useRecordForm';
import { LocalizedFields } from './LocalizedFields';
import { emptyResultForm, resultToForm, titleErrorField, toResultDraft } from './resultForms';

/** /activities/:activityId/results/new and /results/:id/edit. */
export function ResultFormPage() {
  const { t } = useTranslation('results');
  return <ChildRecordPage owner="activity" ownerParam="activityId" ownerMissing={t('finance:form.activityNotFound')} form={ResultForm} />;
}

function ResultForm({ id, owner: activity }: ChildFormProps<'activity'>) {
  const { t } = useTranslation('results');
  const form = useRecordForm({
    entity: 'result',
    id,
    empty: () => emptyResultForm(activity?.id ?? ''),
    fromRecord: resultToForm,
    toDraft: toResultDraft,
    errorField: titleErrorField,
  });
  const { values, update, errors } = form;
  const activityTitle = useRecordTitle('activity', values.activityId || undefined);

  return (
    <ChildRecordForm
      form={form}
      name="result"
      heading={id ? t('form.editResult') : t('form.newResult')}
      eyebrow={activityTitle}
      notFound={t('form.resultNotFound')}
      saveLabel={t('form.saveResult')}
    >
      <fieldset className="form-section">
        <legend>{t('form.result')}</legend>
        <div className="form-grid">
          <Field label={t('fields.resultType')} error={errors.resultType} hint={t('form.resultTypeHint')} required>
            {(props) => (
              <select {...props} value={values.resultType} onChange={(e) => update({ resultType: e.target.value })} data-testid="result-type">
                {resultTypes.map((type) => (
                  <option key={type} value={type}>
                    {t(`resultTypes.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <LocalizedFields
          testIdPrefix="result"
          localLanguage={values.localLanguage}
          onLocalLanguage={(localLanguage) => update({ localLanguage })}
          fields={[
            { name: 'title', label: t('fields.title'), labelIn: (l) => t('fields.titleIn', { language: l }), value: values.title, onChange: (title) => update({ title }), error: errors.title, required: true },
            {
              name: 'description',
              label: t('fields.description'),
              labelIn: (l) => t('fields.descriptionIn', { language: l }),
              value: values.description,
              onChange: (description) => update({ description }),
              error: errors.description,
              multiline: true,
            },
          ]}
        />
      </fieldset>
    </ChildRecordForm>
  );
}
