import { disaggregationDimensions, indicatorMeasures, pickText, type Indicator, type Result } from '@shared/domain';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useUiStore } from '../../state/uiStore';
import { CheckboxGroup, Field } from '../../ui/Field';
import { FormSummary } from '../../ui/FormSummary';
import { useRecordForm } from '../../ui/useRecordForm';
import { FormLoading } from '../finance/formParts';
import { useReturnPath } from '../finance/useActivity';
import { LocalizedFields } from './LocalizedFields';
import { emptyIndicatorForm, indicatorToForm, titleErrorField, toIndicatorDraft } from './resultForms';
import { useRecord } from './useRecord';

/** /results/:resultId/indicators/new and /indicators/:id/edit. */
export function IndicatorFormPage() {
  const { resultId, id } = useParams();
  const result = useRecord('result', id ? undefined : resultId);
  if (id) return <IndicatorForm key={id} id={id} />;
  if (result.phase === 'loading') return <FormLoading />;
  if (result.phase === 'failed' || !result.data) return <ResultMissing />;
  return <IndicatorForm key="new" result={result.data} />;
}

function ResultMissing() {
  const { t } = useTranslation('results');
  return (
    <section className="page">
      <h1>{t('form.resultNotFound')}</h1>
      <Link to="/activities">{t('finance:form.backToActivities')}</Link>
    </section>
  );
}

function IndicatorForm({ id, result }: { id?: string; result?: Result }) {
  const { t } = useTranslation('results');
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const { values, update, phase, errors, saving, save, formRef } = useRecordForm({
    entity: 'indicator',
    id,
    empty: () => emptyIndicatorForm(result?.activityId ?? '', result?.id ?? ''),
    fromRecord: indicatorToForm,
    toDraft: toIndicatorDraft,
    errorField: titleErrorField,
  });
  const owner = useRecord('result', values.resultId || undefined);
  const back = useReturnPath(values.activityId || undefined);

  if (phase === 'loading') return <FormLoading />;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('form.indicatorNotFound') : t('common:form.loadFailed')}</h1>
        <Link to="/activities">{t('finance:form.backToActivities')}</Link>
      </section>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save()) navigate(back, { state: { saved: true } });
  };
  const resultTitle = owner.phase === 'ready' && owner.data ? pickText(owner.data.title, language) : '';

  return (
    <section className="page" aria-labelledby="indicator-form-heading">
      <div className="page-header">
        <div>
          {resultTitle && <p className="eyebrow">{resultTitle}</p>}
          <h1 id="indicator-form-heading">{id ? t('form.editIndicator') : t('form.newIndicator')}</h1>
        </div>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="indicator-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
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
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving} data-testid="save-indicator">
            {saving ? t('form.saving') : t('form.saveIndicator')}
          </button>
          <Link className="button" to={back}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
