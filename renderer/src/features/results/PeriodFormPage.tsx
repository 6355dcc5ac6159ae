import { findCountry, labelOf, pickText, sexes, type Indicator } from '@shared/domain';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { formatNumber } from '../../ui/format';
import { FormSummary } from '../../ui/FormSummary';
import { useRecordForm } from '../../ui/useRecordForm';
import { FormLoading } from '../finance/formParts';
import { useActivity, useReturnPath } from '../finance/useActivity';
import { typedNumber } from '../finance/financeForms';
import { breakdownSums, gridCells, parseCellKey, percentOfTarget, totalMismatch, type BreakdownCell } from './breakdownGrid';
import { breakdownFromForm, emptyPeriodForm, periodErrorField, periodToForm, toPeriodDraft, type CellValues } from './resultForms';
import { formatPercent } from './ResultsSection';
import { useRecord } from './useRecord';

const cellInputStyle = { font: 'inherit', width: '100%', maxWidth: '10rem', padding: '0.3rem 0.45rem', border: '1px solid var(--border)', borderRadius: 'var(--radius)' } as const;

/** /indicators/:indicatorId/periods/new and /periods/:id/edit: targets and actuals of one period. */
export function PeriodFormPage() {
  const { indicatorId, id } = useParams();
  const indicator = useRecord('indicator', id ? undefined : indicatorId);
  if (id) return <PeriodForm key={id} id={id} />;
  if (indicator.phase === 'loading') return <FormLoading />;
  if (indicator.phase === 'failed' || !indicator.data) return <IndicatorMissing />;
  return <PeriodForm key="new" indicator={indicator.data} />;
}

function IndicatorMissing() {
  const { t } = useTranslation('results');
  return (
    <section className="page">
      <h1>{t('form.indicatorNotFound')}</h1>
      <Link to="/activities">{t('finance:form.backToActivities')}</Link>
    </section>
  );
}

function PeriodForm({ id, indicator: given }: { id?: string; indicator?: Indicator }) {
  const { t } = useTranslation('results');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const { values, update, phase, errors, saving, save, formRef } = useRecordForm({
    entity: 'indicatorPeriod',
    id,
    empty: () => emptyPeriodForm(given?.activityId ?? '', given?.id ?? ''),
    fromRecord: periodToForm,
    toDraft: toPeriodDraft,
    errorField: periodErrorField,
  });
  const loadedIndicator = useRecord('indicator', values.indicatorId || undefined);
  const activity = useActivity(values.activityId || undefined);
  const back = useReturnPath(values.activityId || undefined);

  if (phase === 'loading') return <FormLoading />;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('form.periodNotFound') : t('common:form.loadFailed')}</h1>
        <Link to="/activities">{t('finance:form.backToActivities')}</Link>
      </section>
    );

  const indicator = loadedIndicator.phase === 'ready' ? (loadedIndicator.data ?? given) : given;
  const countries = activity.phase === 'ready' && activity.data ? activity.data.countries : [];
  const disaggregations = indicator?.disaggregations ?? [];
  const cells = gridCells(disaggregations, countries, Object.keys(values.breakdown).map(parseCellKey));
  const sums = breakdownSums(breakdownFromForm(values.breakdown), disaggregations);
  const target = typedNumber(values.target);
  const actual = typedNumber(values.actual);
  const targetNumber = typeof target === 'number' ? target : undefined;
  const actualNumber = typeof actual === 'number' ? actual : undefined;
  const targetMismatch = totalMismatch(targetNumber, sums.target);
  const actualMismatch = totalMismatch(actualNumber, sums.actual);
  const percent = percentOfTarget(actualNumber, targetNumber);

  const cellLabel = (cell: BreakdownCell) => [cell.sex && label(labelOf(sexes, cell.sex)), cell.country && label(findCountry(cell.country)?.label)].filter(Boolean).join(' · ');
  const setCell = (key: string, patch: Partial<CellValues>) =>
    update({ breakdown: { ...values.breakdown, [key]: { target: '', actual: '', ...values.breakdown[key], ...patch } } });
  const takeSums = () =>
    update({
      ...(sums.target !== undefined && { target: String(sums.target) }),
      ...(sums.actual !== undefined && { actual: String(sums.actual) }),
    });
  const number = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value, language));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save()) navigate(back, { state: { saved: true } });
  };

  return (
    <section className="page" aria-labelledby="period-form-heading">
      <div className="page-header">
        <div>
          {indicator && <p className="eyebrow">{pickText(indicator.title, language)}</p>}
          <h1 id="period-form-heading">{id ? t('form.editPeriod') : t('form.newPeriod')}</h1>
        </div>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="period-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        <fieldset className="form-section">
          <legend>{t('form.periodAndValues')}</legend>
          <div className="form-grid four">
            <Field label={t('fields.periodStart')} error={errors.periodStart} required>
              {(props) => <input {...props} type="date" value={values.periodStart} onChange={(e) => update({ periodStart: e.target.value })} data-testid="period-start" />}
            </Field>
            <Field label={t('fields.periodEnd')} error={errors.periodEnd} required>
              {(props) => <input {...props} type="date" value={values.periodEnd} onChange={(e) => update({ periodEnd: e.target.value })} data-testid="period-end" />}
            </Field>
            <Field label={t('fields.target')} error={errors.target} hint={indicator?.unit}>
              {(props) => <input {...props} type="number" step="any" value={values.target} onChange={(e) => update({ target: e.target.value })} data-testid="period-target-input" />}
            </Field>
            <Field label={t('fields.actual')} error={errors.actual} hint={indicator?.unit}>
              {(props) => <input {...props} type="number" step="any" value={values.actual} onChange={(e) => update({ actual: e.target.value })} data-testid="period-actual-input" />}
            </Field>
          </div>
          <p className="muted" role="status" data-testid="form-percent">
            {percent !== undefined && t('form.percentOfTarget', { percent: formatPercent(percent, language) })}
          </p>
        </fieldset>

        {cells.length > 0 && (
          <fieldset className="form-section" data-testid="breakdown-grid">
            <legend>{t('form.breakdown')}</legend>
            <p className="field-hint">{t('form.breakdownHint')}</p>
            <table className="history-table">
              <thead>
                <tr>
                  <th scope="col">{t('fields.cell')}</th>
                  <th scope="col">{t('fields.target')}</th>
                  <th scope="col">{t('fields.actual')}</th>
                </tr>
              </thead>
              <tbody>
                {cells.map((cell) => {
                  const name = cellLabel(cell);
                  const typed = values.breakdown[cell.key] ?? { target: '', actual: '' };
                  return (
                    <tr key={cell.key} data-testid={`cell-${cell.key}`}>
                      <th scope="row">{name}</th>
                      <td>
                        <input
                          type="number"
                          step="any"
                          style={cellInputStyle}
                          aria-label={t('form.cellTarget', { cell: name })}
                          aria-invalid={Boolean(errors.breakdown)}
                          value={typed.target}
                          onChange={(e) => setCell(cell.key, { target: e.target.value })}
                          data-testid={`cell-${cell.key}-target`}
                        />
                      </td>
                      <td>
                        <input
                          type="number"
                          step="any"
                          style={cellInputStyle}
                          aria-label={t('form.cellActual', { cell: name })}
                          aria-invalid={Boolean(errors.breakdown)}
                          value={typed.actual}
                          onChange={(e) => setCell(cell.key, { actual: e.target.value })}
                          data-testid={`cell-${cell.key}-actual`}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('form.sum')}</th>
                  <td data-testid="sum-target">{number(sums.target)}</td>
                  <td data-testid="sum-actual">{number(sums.actual)}</td>
                </tr>
              </tfoot>
            </table>
            {errors.breakdown && (
              <p className="field-error" data-testid="field-error">
                {errors.breakdown}
              </p>
            )}
            <div role="status" data-testid="breakdown-mismatch">
              {(targetMismatch || actualMismatch) && (
                <p className="notice">
                  {targetMismatch && t('form.targetMismatch', { total: number(targetNumber), sum: number(sums.target) })}{' '}
                  {actualMismatch && t('form.actualMismatch', { total: number(actualNumber), sum: number(sums.actual) })} {t('form.mismatchSaveAnyway')}
                </p>
              )}
            </div>
            {(sums.target !== undefined || sums.actual !== undefined) && (targetMismatch || actualMismatch || targetNumber === undefined || actualNumber === undefined) && (
              <button type="button" className="button" onClick={takeSums} data-testid="use-sums">
                {t('form.useSums')}
              </button>
            )}
          </fieldset>
        )}

        <fieldset className="form-section">
          <legend>{t('form.notes')}</legend>
          <Field label={t('fields.comment')} error={errors.comment}>
            {(props) => <textarea {...props} rows={3} value={values.comment} onChange={(e) => update({ comment: e.target.value })} data-testid="period-comment" />}
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving} data-testid="save-period">
            {saving ? t('form.saving') : t('form.savePeriod')}
          </button>
          <Link className="button" to={back}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
