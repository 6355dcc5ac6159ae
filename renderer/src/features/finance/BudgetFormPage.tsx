import { budgetStatuses, budgetTypes, fundingSources, pickText, type Activity } from '@shared/domain';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { FormSummary } from '../../ui/FormSummary';
import { useRecordForm } from '../../ui/useRecordForm';
import { budgetErrorField, budgetToForm, emptyBudgetForm, toBudgetDraft } from './financeForms';
import { ActivityMissing, FormLoading } from './formParts';
import { useActivity, useReturnPath } from './useActivity';

/** /activities/:activityId/budgets/new and /budgets/:id/edit. */
export function BudgetFormPage() {
  const { activityId, id } = useParams();
  const activity = useActivity(id ? undefined : activityId);
  // A fresh form for each record: going from one budget to a new one never carries values over.
  if (id) return <BudgetForm key={id} id={id} />;
  if (activity.phase === 'loading') return <FormLoading />;
  if (activity.phase === 'failed' || !activity.data) return <ActivityMissing />;
  return <BudgetForm key="new" activity={activity.data} />;
}

function BudgetForm({ id, activity }: { id?: string; activity?: Activity }) {
  const { t } = useTranslation('finance');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const { values, update, phase, errors, saving, save, formRef } = useRecordForm({
    entity: 'budget',
    id,
    empty: () => emptyBudgetForm(activity?.id ?? '', activity?.defaultCurrency ?? 'CNY'),
    fromRecord: budgetToForm,
    toDraft: toBudgetDraft,
    errorField: budgetErrorField,
  });
  const owner = useActivity(values.activityId || undefined);
  const back = useReturnPath(values.activityId || activity?.id);

  if (phase === 'loading') return <FormLoading />;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('form.budgetNotFound') : t('common:form.loadFailed')}</h1>
        <Link to="/activities">{t('form.backToActivities')}</Link>
      </section>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save()) navigate(back, { state: { saved: true } });
  };
  const activityTitle = owner.phase === 'ready' && owner.data ? pickText(owner.data.title, language) : '';

  return (
    <section className="page" aria-labelledby="budget-form-heading">
      <div className="page-header">
        <div>
          {activityTitle && <p className="eyebrow">{activityTitle}</p>}
          <h1 id="budget-form-heading">{id ? t('form.editBudget') : t('form.newBudget')}</h1>
        </div>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="budget-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        <fieldset className="form-section">
          <legend>{t('form.periodAndAmount')}</legend>
          <div className="form-grid four">
            <Field label={t('fields.periodStart')} error={errors.periodStart} required>
              {(props) => <input {...props} type="date" value={values.periodStart} onChange={(e) => update({ periodStart: e.target.value })} data-testid="budget-periodStart" />}
            </Field>
            <Field label={t('fields.periodEnd')} error={errors.periodEnd} required>
              {(props) => <input {...props} type="date" value={values.periodEnd} onChange={(e) => update({ periodEnd: e.target.value })} data-testid="budget-periodEnd" />}
            </Field>
            <Field label={t('fields.amount')} error={errors.amount} required>
              {(props) => <input {...props} type="number" min="0" step="any" inputMode="decimal" value={values.amount} onChange={(e) => update({ amount: e.target.value })} data-testid="budget-amount" />}
            </Field>
            <Field label={t('fields.currency')} error={errors.currency} hint={t('form.currencyHint')} required>
              {(props) => <input {...props} value={values.currency} maxLength={3} autoCapitalize="characters" onChange={(e) => update({ currency: e.target.value.toUpperCase() })} data-testid="budget-currency" />}
            </Field>
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('form.kindOfBudget')}</legend>
          <div className="form-grid">
            <Field label={t('fields.budgetType')} error={errors.budgetType} hint={t('form.budgetTypeHint')} required>
              {(props) => (
                <select {...props} value={values.budgetType} onChange={(e) => update({ budgetType: e.target.value })} data-testid="budget-type">
                  {budgetTypes.map((type) => (
                    <option key={type} value={type}>
                      {t(`budgetTypes.${type}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('fields.status')} error={errors.status} required>
              {(props) => (
                <select {...props} value={values.status} onChange={(e) => update({ status: e.target.value })} data-testid="budget-status">
                  {budgetStatuses.map((status) => (
                    <option key={status} value={status}>
                      {t(`budgetStatuses.${status}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('fields.source')} error={errors.source}>
              {(props) => (
                <select {...props} value={values.source} onChange={(e) => update({ source: e.target.value })} data-testid="budget-source">
                  <option value="">{t('form.sourceNotStated')}</option>
                  {fundingSources.map((source) => (
                    <option key={source.code} value={source.code}>
                      {label(source.label)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving} data-testid="save-budget">
            {saving ? t('form.saving') : t('form.saveBudget')}
          </button>
          <Link className="button" to={back}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
