import type { Budget, Transaction } from '@shared/domain';
import type { Draft } from '../../db/repository';
import { blankToUndefined as blank } from '../../ui/formValues';

/**
 * A number as typed: blank is "not given"; a number is a number; anything else is kept as typed, so
 * the schema says "enter a number" instead of the form silently dropping it.
 */
export function typedNumber(raw: string): number | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : (text as unknown as number);
}

/** Money fields of a form, and where the schema reports their problems (`value.amount`). */
const moneyErrorField = (path: string) => (path === 'value.amount' ? 'amount' : path === 'value.currency' || path === 'value' ? 'currency' : path);

/** The budget form's values, as typed. */
export interface BudgetFormValues {
  activityId: string;
  periodStart: string;
  periodEnd: string;
  amount: string;
  currency: string;
  status: string;
  budgetType: string;
  source: string;
}

export const emptyBudgetForm = (activityId: string, currency: string): BudgetFormValues => ({
  activityId,
  periodStart: '',
  periodEnd: '',
  amount: '',
  currency,
  status: 'indicative',
  budgetType: 'original',
  source: '',
});

export function budgetToForm(b: Budget): BudgetFormValues {
  return {
    activityId: b.activityId,
    periodStart: b.periodStart,
    periodEnd: b.periodEnd,
    amount: String(b.value.amount),
    currency: b.value.currency,
    status: b.status,
    budgetType: b.budgetType,
    source: b.source ?? '',
  };
}

export function toBudgetDraft(values: BudgetFormValues): Draft<'budget'> {
  return {
    activityId: values.activityId,
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    value: { amount: typedNumber(values.amount) as number, currency: values.currency.trim().toUpperCase() },
    status: values.status as Budget['status'],
    budgetType: values.budgetType as Budget['budgetType'],
    source: blank(values.source) as Budget['source'],
  };
}

export const budgetErrorField = moneyErrorField;

/** The transaction (contribution) form's values, as typed. */
export interface TransactionFormValues {
  activityId: string;
  transactionType: string;
  date: string;
  amount: string;
  currency: string;
  form: 'cash' | 'in-kind';
  inKindCategory: string;
  source: string;
  providerOrganizationId: string;
  receiverOrganizationId: string;
  description: string;
  valuationNote: string;
}

export const emptyTransactionForm = (activityId: string, currency: string): TransactionFormValues => ({
  activityId,
  transactionType: 'incoming-funds',
  date: '',
  amount: '',
  currency,
  form: 'cash',
  inKindCategory: '',
  source: '',
  providerOrganizationId: '',
  receiverOrganizationId: '',
  description: '',
  valuationNote: '',
});

export function transactionToForm(t: Transaction): TransactionFormValues {
  return {
    activityId: t.activityId,
    transactionType: t.transactionType,
    date: t.date,
    amount: String(t.value.amount),
    currency: t.value.currency,
    form: t.form,
    inKindCategory: t.inKindCategory ?? '',
    source: t.source,
    providerOrganizationId: t.providerOrganizationId ?? '',
    receiverOrganizationId: t.receiverOrganizationId ?? '',
    description: t.description ?? '',
    valuationNote: t.valuationNote ?? '',
  };
}

/** The draft to save. Cash has no in-kind category: a category chosen before switching to cash is dropped. */
export function toTransactionDraft(values: TransactionFormValues): Draft<'transaction'> {
  return {
    activityId: values.activityId,
    transactionType: values.transactionType as Transaction['transactionType'],
    date: values.date,
    value: { amount: typedNumber(values.amount) as number, currency: values.currency.trim().toUpperCase() },
    form: values.form,
    inKindCategory: values.form === 'in-kind' ? (blank(values.inKindCategory) as Transaction['inKindCategory']) : undefined,
    source: values.source as Transaction['source'],
    providerOrganizationId: blank(values.providerOrganizationId),
    receiverOrganizationId: blank(values.receiverOrganizationId),
    description: blank(values.description),
    valuationNote: blank(values.valuationNote),
  };
}

export const transactionErrorField = moneyErrorField;
