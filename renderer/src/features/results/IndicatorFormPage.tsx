import { disaggregationDimensions, indicatorMeasures, type Indicator } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { ChildRecordForm, ChildRecordPage, type ChildFormProps } from '../../ui/ChildRecordForm';
import { CheckboxGroup, Field } from '../../ui/Field';
import { useRecordTitle } from '../../ui/useLiveRecord';
import { useRecordForm } from '../../ui/useRecordForm';
import { LocalizedFields } from './LocalizedFields';
import { emptyIndicatorForm, indicatorToForm, titleErrorField, toIndicatorDraft } from './resultForms';

/** /results/:resultId/indicators/new and /indicators/:id/edit. */
export function IndicatorFormPage() {
  const { t } = useTranslation('results');
  return <ChildRecordPage owner="result" ownerParam="resultId" ownerMissing={t('form.resultNotFound')} form={IndicatorForm} />;
}

function IndicatorForm({ id, owner: result }: ChildFormProps<'result'>) {
  const { t } = useTranslation('results');
  const form = useRecordForm({
    entity: 'indicator',
    id,
    empty: () => emptyIndicatorForm(result?.activityId ?? '', result?.id ?? ''),
    fromRecord: indicatorToForm,
    toDraft: toIndicatorDraft,
    errorField: titleErrorField,
  });
  const { values, update, errors } = form;
  const resultTitle = useRecordTitle('result', values.resultId || undefined);

  return (
    <ChildRecordForm
      form={form}
      name="indicator"
      heading={id ? t('form.editIndicator') : t('form.newIndicator')}
      eyebrow={resultTitle}
      notFound={t('form.indicatorNotFound')}
      saveLabel={t('form.saveIndicator')}
    >
      <fieldset className="form-section">
        <legend>{t('form.indicator')}</legend>
        <LocalizedFields
          testIdPrefix="indicator"
          localLanguage={values.localLanguage}
          onLocalLanguage={(localLanguage) => update({ localLanguage })}
          fields={[{ name: 'title', label: t('fields.title'), labelIn: (l) => t('fields.titleIn', { language: l }), value: values.title, onChange: (title) => update({ title }), error: errors.title, required: true }]}
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('form.measurement')}</legend>
        <div className="form-grid">
          <Field label={t('fields.measure')} error={errors.measure} required>
            {(props) => (
              <select {...props} value={values.measure} onChange={(e) => update({ measure: e.target.value })} data-testid="indicator-measure">
                {indicatorMeasures.map((measure) => (
                  <option key={measure} value={measure}>
                    {t(`measures.${measure}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('fields.unit')} error={errors.unit} hint={t('form.unitHint')}>
            {(props) => <input {...props} value={values.unit} onChange={(e) => update({ unit: e.target.value })} data-testid="indicator-unit" />}
          </Field>
          <Field label={t('fields.baselineValue')} error={errors.baselineValue}>
            {(props) => <input {...props} type="number" step="any" value={values.baselineValue} onChange={(e) => update({ baselineValue: e.target.value })} data-testid="indicator-baseline-value" />}
          </Field>
          <Field label={t('fields.baselineYear')} error={errors.baselineYear}>
            {(props) => <input {...props} type="number" min="1990" max="2100" step="1" value={values.baselineYear} onChange={(e) => update({ baselineYear: e.target.value })} data-testid="indicator-baseline-year" />}
          </Field>
        </div>
        <div className="field">
          <label className="checkbox-label">
            <input type="checkbox" checked={values.ascending} onChange={(e) => update({ ascending: e.target.checked })} data-testid="indicator-ascending" /> {t('fields.ascending')}
          </label>
        </div>
        <CheckboxGroup<Indicator['disaggregations'][number]>
          legend={t('fields.disaggregations')}
          error={errors.disaggregations}
          testId="indicator-disaggregations"
          columns={2}
          options={disaggregationDimensions.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))}
          value={values.disaggregations}
          onChange={(disaggregations) => update({ disaggregations })}
        />
        <p className="field-hint">{t('form.disaggregationHint')}</p>
      </fieldset>
    </ChildRecordForm>
  );
}
