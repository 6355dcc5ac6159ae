import { contributionForms, fundingSources, inKindCategories, pickText, transactionTypes, type Activity } from '@shared/domain';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { organizationOptions, type RecordOption } from '../../db/pickerOptions';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { FormSummary } from '../../ui/FormSummary';
import { RecordPicker } from '../../ui/RecordPicker';
import { useRecordForm } from '../../ui/useRecordForm';
import { emptyTransactionForm, toTransactionDraft, transactionErrorField, transactionToForm, type TransactionFormValues } from './financeForms';
import { ActivityMissing, FormLoading } from './formParts';
import { useActivity, useReturnPath } from './useActivity';

/** /activities/:activityId/transactions/new and /transactions/:id/edit: money or an in-kind contribution. */
export function TransactionFormPage() {
  const { activityId, id } = useParams();
  const activity = useActivity(id ? undefined : activityId);
  if (id) return <TransactionForm key={id} id={id} />;
  if (activity.phase === 'loading') return <FormLoading />;
  if (activity.phase === 'failed' || !activity.data) return <ActivityMissing />;
  return <TransactionForm key="new" activity={activity.data} />;
}

function TransactionForm({ id, activity }: { id?: string; activity?: Activity }) {
  const { t } = useTranslation('finance');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const { values, update, phase, errors, saving, save, formRef } = useRecordForm({
    entity: 'transaction',
    id,
    empty: () => emptyTransactionForm(activity?.id ?? '', activity?.defaultCurrency ?? 'CNY'),
    fromRecord: transactionToForm,
    toDraft: toTransactionDraft,
    errorField: transactionErrorField,
  });
  const owner = useActivity(values.activityId || undefined);
  const back = useReturnPath(values.activityId || activity?.id);
  const [organizations, setOrganizations] = useState<RecordOption[]>([]);

  useEffect(() => {
    let cancelled = false;
    void organizationOptions(language).then((options) => !cancelled && setOrganizations(options));
    return () => {
      cancelled = true;
    };
  }, [language]);

  if (phase === 'loading') return <FormLoading />;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('form.transactionNotFound') : t('common:form.loadFailed')}</h1>
        <Link to="/activities">{t('form.backToActivities')}</Link>
      </section>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save()) navigate(back, { state: { saved: true } });
  };
  const activityTitle = owner.phase === 'ready' && owner.data ? pickText(owner.data.title, language) : '';
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
    <section className="page" aria-labelledby="transaction-form-heading">
      <div className="page-header">
        <div>
          {activityTitle && <p className="eyebrow">{activityTitle}</p>}
          <h1 id="transaction-form-heading">{id ? t('form.editTransaction') : t('form.newTransaction')}</h1>
        </div>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="transaction-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
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
            <Field label={inKind ? t('fields.valuedAt') : t('fields.amount')} error={errors.amount} required>
              {(props) => <input {...props} type="number" min="0" step="any" inputMode="decimal" value={values.amount} onChange={(e) => update({ amount: e.target.value })} data-testid="transaction-amount" />}
            </Field>
            <Field label={t('fields.currency')} error={errors.currency} hint={t('form.currencyHint')} required>
              {(props) => <input {...props} value={values.currency} maxLength={3} autoCapitalize="characters" onChange={(e) => update({ currency: e.target.value.toUpperCase() })} data-testid="transaction-currency" />}
            </Field>
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
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving} data-testid="save-transaction">
            {saving ? t('form.saving') : t('form.saveTransaction')}
          </button>
          <Link className="button" to={back}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
