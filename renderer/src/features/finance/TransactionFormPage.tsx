import { contributionForms, fundingSources, inKindCategories, transactionTypes } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n';
import { ChildRecordForm, ChildRecordPage, type ChildFormProps } from '../../ui/ChildRecordForm';
import { Field } from '../../ui/Field';
import { RecordPicker } from '../../ui/RecordPicker';
import { useRecordTitle } from '../../ui/useLiveRecord';
import { useOrganizationOptions } from '../../ui/useOrganizationOptions';
import { useRecordForm } from '../../ui/useRecordForm';
import { MoneyFields } from './MoneyFields';
import { emptyTransactionForm, toTransactionDraft, transactionErrorField, transactionToForm, type TransactionFormValues } from './financeForms';

/** /activities/:activityId/transactions/new and /transactions/:id/edit: money or an in-kind contribution. */
export function TransactionFormPage() {
  const { t } = useTranslation('finance');
  return <ChildRecordPage owner="activity" ownerParam="activityId" ownerMissing={t('form.activityNotFound')} form={TransactionForm} />;
}

function TransactionForm({ id, owner: activity }: ChildFormProps<'activity'>) {
  const { t } = useTranslation('finance');
  const label = useLabel();
  const form = useRecordForm({
    entity: 'transaction',
    id,
    empty: () => emptyTransactionForm(activity?.id ?? '', activity?.defaultCurrency ?? 'CNY'),
    fromRecord: transactionToForm,
    toDraft: toTransactionDraft,
    errorField: transactionErrorField,
  });
  const { values, update, errors } = form;
  const activityTitle = useRecordTitle('activity', values.activityId || undefined);
  const organizations = useOrganizationOptions();
  const inKind = values.form === 'in-kind';

  const organizationField = (name: 'providerOrganizationId' | 'receiverOrganizationId') => (
    <Field label={t(`fields.${name}`)} error={errors[name]}>
      {(props) => (
        <RecordPicker
          id={props.id}
          invalid={props['aria-invalid']}
          describedBy={props['aria-describedby']}
          options={organizations}
          value={values[name] || undefined}
          onChange={(chosen) => update({ [name]: chosen ?? '' } as Partial<TransactionFormValues>)}
          placeholder={t('form.typeToSearch')}
          clearLabel={t('form.clear')}
          unknownLabel={t('common:form.unknownRecord')}
        />
      )}
    </Field>
  );

  return (
    <ChildRecordForm
      form={form}
      name="transaction"
      heading={id ? t('form.editTransaction') : t('form.newTransaction')}
      eyebrow={activityTitle}
      notFound={t('form.transactionNotFound')}
      saveLabel={t('form.saveTransaction')}
    >
      <fieldset className="form-section">
        <legend>{t('form.whatMoved')}</legend>
        <div className="form-grid four">
          <Field label={t('fields.transactionType')} error={errors.transactionType} required>
            {(props) => (
              <select {...props} value={values.transactionType} onChange={(e) => update({ transactionType: e.target.value })} data-testid="transaction-type">
                {transactionTypes.map((type) => (
                  <option key={type} value={type}>
                    {t(`transactionTypes.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('fields.date')} error={errors.date} required>
            {(props) => <input {...props} type="date" value={values.date} onChange={(e) => update({ date: e.target.value })} data-testid="transaction-date" />}
          </Field>
          <MoneyFields amountLabel={inKind ? t('fields.valuedAt') : t('fields.amount')} values={values} errors={errors} update={update} testIdPrefix="transaction" />
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('form.contribution')}</legend>
        <fieldset className="field">
          <legend>
            {t('fields.form')}
            <span aria-hidden="true" className="required-mark">
              {' '}
              *
            </span>
          </legend>
          <div className="radio-group" data-testid="transaction-form-kind">
            {contributionForms.map((form) => (
              <label key={form.code}>
                <input type="radio" name="contribution-form" value={form.code} checked={values.form === form.code} onChange={() => update({ form: form.code })} />{' '}
                {label(form.label)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          {inKind && (
            <Field label={t('fields.inKindCategory')} error={errors.inKindCategory} required>
              {(props) => (
                <select {...props} value={values.inKindCategory} onChange={(e) => update({ inKindCategory: e.target.value })} data-testid="transaction-in-kind-category">
                  <option value="">{t('form.choose')}</option>
                  {inKindCategories.map((category) => (
                    <option key={category.code} value={category.code}>
                      {label(category.label)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label={t('fields.source')} error={errors.source} required>
            {(props) => (
              <select {...props} value={values.source} onChange={(e) => update({ source: e.target.value })} data-testid="transaction-source">
                <option value="">{t('form.choose')}</option>
                {fundingSources.map((source) => (
                  <option key={source.code} value={source.code}>
                    {label(source.label)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-grid">
          {organizationField('providerOrganizationId')}
          {organizationField('receiverOrganizationId')}
        </div>
        <div className="form-grid">
          <Field label={t('fields.valuationNote')} error={errors.valuationNote} hint={inKind ? t('form.valuationHintInKind') : t('form.valuationHint')}>
            {(props) => <textarea {...props} rows={3} value={values.valuationNote} onChange={(e) => update({ valuationNote: e.target.value })} data-testid="transaction-valuation-note" />}
          </Field>
          <Field label={t('fields.description')} error={errors.description}>
            {(props) => <textarea {...props} rows={3} value={values.description} onChange={(e) => update({ description: e.target.value })} data-testid="transaction-description" />}
          </Field>
        </div>
      </fieldset>
    </ChildRecordForm>
  );
}
