import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';

interface Money {
  amount: string;
  currency: string;
}

/** An amount and its currency, as typed (the currency in capitals): two cells of a budget's or a transaction's form. */
export function MoneyFields({ amountLabel, values, errors, update, testIdPrefix }: { amountLabel: string; values: Money; errors: Record<string, string>; update: (patch: Partial<Money>) => void; testIdPrefix: string }) {
  const { t } = useTranslation('finance');
  return (
    <>
      <Field label={amountLabel} error={errors.amount} required>
        {(props) => <input {...props} type="number" min="0" step="any" inputMode="decimal" value={values.amount} onChange={(e) => update({ amount: e.target.value })} data-testid={`${testIdPrefix}-amount`} />}
      </Field>
      <Field label={t('fields.currency')} error={errors.currency} hint={t('form.currencyHint')} required>
        {(props) => <input {...props} value={values.currency} maxLength={3} autoCapitalize="characters" onChange={(e) => update({ currency: e.target.value.toUpperCase() })} data-testid={`${testIdPrefix}-currency`} />}
      </Field>
    </>
  );
}
