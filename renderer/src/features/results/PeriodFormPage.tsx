import { findCountry, labelOf, pickText, sexes } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { ChildRecordForm, ChildRecordPage, type ChildFormProps } from '../../ui/ChildRecordForm';
import { Field } from '../../ui/Field';
import { formatNumber } from '../../ui/format';
import { useLiveRecord } from '../../ui/useLiveRecord';
import { useRecordForm } from '../../ui/useRecordForm';
import { typedNumber } from '../finance/financeForms';
import { breakdownSums, gridCells, parseCellKey, percentOfTarget, totalMismatch, type BreakdownCell } from './breakdownGrid';
import { breakdownFromForm, emptyPeriodForm, periodErrorField, periodToForm, toPeriodDraft, type CellValues } from './resultForms';
import { formatPercent } from './ResultsSection';

const cellInputStyle = { font: 'inherit', width: '100%', maxWidth: '10rem', padding: '0.3rem 0.45rem', border: '1px solid var(--border)', borderRadius: 'var(--radius)' } as const;

/** /indicators/:indicatorId/periods/new and /periods/:id/edit: targets and actuals of one period. */
export function PeriodFormPage() {
  const { t } = useTranslation('results');
  return <ChildRecordPage owner="indicator" ownerParam="indicatorId" ownerMissing={t('form.indicatorNotFound')} form={PeriodForm} />;
}

function PeriodForm({ id, owner: given }: ChildFormProps<'indicator'>) {
  const { t } = useTranslation('results');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const form = useRecordForm({
    entity: 'indicatorPeriod',
    id,
    empty: () => emptyPeriodForm(given?.activityId ?? '', given?.id ?? ''),
    fromRecord: periodToForm,
    toDraft: toPeriodDraft,
    errorField: periodErrorField,
  });
  const { values, update, errors } = form;
  const loadedIndicator = useLiveRecord('indicator', values.indicatorId || undefined);
  const activity = useLiveRecord('activity', values.activityId || undefined);

  // The indicator says which cells the breakdown has (its disaggregations) and the unit; a new period has it from the start.
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
  const cellInput = (key: string, which: keyof CellValues, ariaLabel: string) => (
    <input
      type="number"
      step="any"
      style={cellInputStyle}
      aria-label={ariaLabel}
      aria-invalid={Boolean(errors.breakdown)}
      value={values.breakdown[key]?.[which] ?? ''}
      onChange={(e) => setCell(key, { [which]: e.target.value })}
      data-testid={`cell-${key}-${which}`}
    />
  );
  const takeSums = () =>
    update({
      ...(sums.target !== undefined && { target: String(sums.target) }),
      ...(sums.actual !== undefined && { actual: String(sums.actual) }),
    });
  const number = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value, language));

  return (
    <ChildRecordForm
      form={form}
      name="period"
      heading={id ? t('form.editPeriod') : t('form.newPeriod')}
      eyebrow={indicator && pickText(indicator.title, language)}
      notFound={t('form.periodNotFound')}
      saveLabel={t('form.savePeriod')}
    >
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
                return (
                  <tr key={cell.key} data-testid={`cell-${cell.key}`}>
                    <th scope="row">{name}</th>
                    <td>{cellInput(cell.key, 'target', t('form.cellTarget', { cell: name }))}</td>
                    <td>{cellInput(cell.key, 'actual', t('form.cellActual', { cell: name }))}</td>
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
    </ChildRecordForm>
  );
}
