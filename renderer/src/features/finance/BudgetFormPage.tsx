import { budgetStatuses, budgetTypes, fundingSources } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n';
import { ChildRecordForm, ChildRecordPage, type ChildFormProps } from '../../ui/ChildRecordForm';
import { Field } from '../../ui/Field';
import { useRecordTitle } from '../../ui/useLiveRecord';
import { useRecordForm } from '../../ui/useRecordForm';
import { MoneyFields } from './MoneyFields';
import { budgetErrorField, budgetToForm, emptyBudgetForm, toBudgetDraft } from './financeForms';

/** /activities/:activityId/budgets/new and /budgets/:id/edit. */
export function BudgetFormPage() {
  const { t } = useTranslation('finance');
  return <ChildRecordPage owner="activity" ownerParam="activityId" ownerMissing={t('form.activityNotFound')} form={BudgetForm} />;
}

function BudgetForm({ id, owner: activity }: ChildFormProps<'activity'>) {
  const { t } = useTranslation('finance');
  const label = useLabel();
  const form = useRecordForm({
    entity: 'budget',
    id,
    empty: () => emptyBudgetForm(activity?.id ?? '', activity?.defaultCurrency ?? 'CNY'),
    fromRecord: budgetToForm,
    toDraft: toBudgetDraft,
    errorField: budgetErrorField,
  });
  const { values, update, errors } = form;
  const activityTitle = useRecordTitle('activity', values.activityId || undefined);

  return (
    <ChildRecordForm
      form={form}
      name="budget"
      heading={id ? t('form.editBudget') : t('form.newBudget')}
      eyebrow={activityTitle}
      notFound={t('form.budgetNotFound')}
      saveLabel={t('form.saveBudget')}
    >
      <fieldset className="form-section">
        <legend>{t('form.periodAndAmount')}</legend>
        <div className="form-grid four">
          <Field label={t('fields.periodStart')} error={errors.periodStart} required>
            {(props) => <input {...props} type="date" value={values.periodStart} onChange={(e) => update({ periodStart: e.target.value })} data-testid="budget-periodStart" />}
          </Field>
          <Field label={t('fields.periodEnd')} error={errors.periodEnd} required>
            {(props) => <input {...props} type="date" value={values.periodEnd} onChange={(e) => update({ periodEnd: e.target.value })} data-testid="budget-periodEnd" />}
          </Field>
          <MoneyFields amountLabel={t('fields.amount')} values={values} errors={errors} update={update} testIdPrefix="budget" />
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
    </ChildRecordForm>
  );
}
