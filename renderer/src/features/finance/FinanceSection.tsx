import { contributionForms, fundingSources, inKindCategories, labelOf, transactionTypes, type Activity, type Budget, type Transaction } from '@shared/domain';
import { effectiveBudgets, orderCurrencies, totalsByCurrency, totalsByGroup, type CurrencyTotal } from '@shared/domain/money';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { activityFinance, financeAffected, type ActivityFinance } from '../../db/finance';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate, formatMoney } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { useRepositoryData } from '../history/useRepositoryData';

type TransactionType = Transaction['transactionType'];

/** A row of a totals table: what is totalled, and its total in each currency. */
interface TotalsRow {
  key: string;
  label: string;
  totals: CurrencyTotal[];
  indent?: boolean;
}

/**
 * An activity's money, as the Secretariat reports it: budgets, transactions and contributions (cash or
 * in kind, by source), totals per currency (the activity's currency first; never converted or added
 * across currencies), and a breakdown by source and by form. Placed on the activity's page.
 */
export function FinanceSection({ activity }: { activity: Activity }) {
  const { t } = useTranslation('finance');
  const language = useUiStore((s) => s.language);
  const data = useRepositoryData(`finance:${activity.id}:${language}`, () => activityFinance(activity.id, language), financeAffected);

  return (
    <section className="card" aria-labelledby="finance-heading" data-testid="finance-section">
      <h2 id="finance-heading">{t('section.title')}</h2>
      {data.phase === 'loading' && <p className="muted">{t('section.loading')}</p>}
      <Notice kind="error">{data.phase === 'failed' && t('section.loadFailed', { message: data.message })}</Notice>
      {data.phase === 'ready' && <FinanceContent activity={activity} finance={data.data} />}
    </section>
  );
}

function FinanceContent({ activity, finance }: { activity: Activity; finance: ActivityFinance }) {
  const { t } = useTranslation('finance');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const location = useLocation();
  const issueText = useIssueText();
  const [refusal, setRefusal] = useState<string | undefined>();
  const { budgets, transactions, organizationNames } = finance;
  const currency = activity.defaultCurrency;
  const back = { back: location.pathname };

  const typesPresent = transactionTypes.filter((type) => transactions.some((tr) => tr.transactionType === type));
  const [chosenType, setChosenType] = useState<TransactionType | ''>('');
  const countedType: TransactionType | undefined = typesPresent.includes(chosenType as TransactionType)
    ? (chosenType as TransactionType)
    : typesPresent.includes('incoming-funds')
      ? 'incoming-funds'
      : typesPresent[0];
  const counted = transactions.filter((tr) => tr.transactionType === countedType);

  const totalsRows: TotalsRow[] = [
    ...(budgets.length > 0 ? [{ key: 'budget', label: t('totals.budget'), totals: totalsByCurrency(effectiveBudgets(budgets), currency) }] : []),
    ...typesPresent.map((type) => ({ key: type, label: t(`transactionTypes.${type}`), totals: totalsByCurrency(transactions.filter((tr) => tr.transactionType === type), currency) })),
  ];
  const bySource: TotalsRow[] = totalsByGroup(counted, (tr) => tr.source, { firstCurrency: currency, order: fundingSources.map((s) => s.code) }).map((group) => ({
    key: group.key,
    label: label(labelOf(fundingSources, group.key)),
    totals: group.totals,
  }));
  const byForm: TotalsRow[] = totalsByGroup(counted, (tr) => tr.form, { firstCurrency: currency, order: contributionForms.map((f) => f.code) }).flatMap((group) => [
    { key: group.key, label: label(labelOf(contributionForms, group.key)), totals: group.totals },
    ...(group.key === 'in-kind'
      ? totalsByGroup(
          counted.filter((tr) => tr.form === 'in-kind'),
          (tr) => tr.inKindCategory ?? 'other',
          { firstCurrency: currency, order: inKindCategories.map((c) => c.code) },
        ).map((category) => ({ key: `in-kind:${category.key}`, label: label(labelOf(inKindCategories, category.key)), totals: category.totals, indent: true }))
      : []),
  ]);

  const remove = async (entity: 'budget' | 'transaction', id: string, question: string) => {
    if (!window.confirm(question)) return;
    setRefusal(undefined);
    const outcome = await getStore().repository.remove(entity, id);
    if (!outcome.ok) setRefusal(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
  };

  const periodText = (b: Budget) => `${formatDate(b.periodStart, language)} – ${formatDate(b.periodEnd, language)}`;
  const money = (value: { amount: number; currency: string }) => formatMoney(value.amount, value.currency, language);
  const organization = (id: string | undefined) => (id ? organizationNames[id] || t('common:form.unknownRecord') : '—');

  return (
    <>
      <Notice kind="error" testId="finance-refusal">
        {refusal}
      </Notice>
      <h3>{t('totals.title')}</h3>
      {totalsRows.length === 0 ? (
        <p className="muted">{t('totals.none')}</p>
      ) : (
        <>
          <TotalsTable caption={t('totals.caption')} firstHeader={t('totals.what')} rows={totalsRows} firstCurrency={currency} testId="finance-totals" />
          <p className="field-hint" data-testid="not-converted">
            {t('totals.notConverted')}
          </p>
        </>
      )}

      {countedType && (
        <>
          <h3>{t('breakdown.title')}</h3>
          <div className="filters">
            <label>
              {t('breakdown.counted')}
              <select value={countedType} onChange={(e) => setChosenType(e.target.value as TransactionType)} data-testid="breakdown-type">
                {typesPresent.map((type) => (
                  <option key={type} value={type}>
                    {t(`transactionTypes.${type}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="card-grid">
            <TotalsTable caption={t('breakdown.bySource')} firstHeader={t('fields.source')} rows={bySource} firstCurrency={currency} testId="finance-by-source" />
            <TotalsTable caption={t('breakdown.byForm')} firstHeader={t('fields.form')} rows={byForm} firstCurrency={currency} testId="finance-by-form" />
          </div>
        </>
      )}

      <div className="page-header section-header">
        <h3>{t('budgets.title')}</h3>
        <Link className="button" to={`/activities/${activity.id}/budgets/new`} state={back} data-testid="add-budget">
          {t('budgets.add')}
        </Link>
      </div>
      {budgets.length === 0 ? (
        <p className="muted">{t('budgets.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table" data-testid="budgets-table">
            <caption className="visually-hidden">{t('budgets.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.period')}</th>
                <th scope="col">{t('fields.budgetType')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.source')}</th>
                <th scope="col">{t('fields.amount')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('section.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {budgets.map((b) => (
                <tr key={b.id} data-testid="budget-row">
                  <td className="nowrap">{periodText(b)}</td>
                  <td>{t(`budgetTypes.${b.budgetType}`)}</td>
                  <td>{t(`budgetStatuses.${b.status}`)}</td>
                  <td>{b.source ? label(labelOf(fundingSources, b.source)) : '—'}</td>
                  <td className="nowrap">{money(b.value)}</td>
                  <td className="nowrap">
                    <Link to={`/budgets/${b.id}/edit`} state={back} aria-label={t('budgets.editOne', { period: periodText(b) })}>
                      {t('section.edit')}
                    </Link>{' '}
                    <button type="button" className="link-button" onClick={() => void remove('budget', b.id, t('budgets.confirmDelete'))} aria-label={t('budgets.deleteOne', { period: periodText(b) })}>
                      {t('section.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="page-header section-header">
        <h3>{t('transactions.title')}</h3>
        <Link className="button" to={`/activities/${activity.id}/transactions/new`} state={back} data-testid="add-transaction">
          {t('transactions.add')}
        </Link>
      </div>
      {transactions.length === 0 ? (
        <p className="muted">{t('transactions.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table" data-testid="transactions-table">
            <caption className="visually-hidden">{t('transactions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.date')}</th>
                <th scope="col">{t('fields.transactionType')}</th>
                <th scope="col">{t('fields.form')}</th>
                <th scope="col">{t('fields.source')}</th>
                <th scope="col">{t('fields.providerReceiver')}</th>
                <th scope="col">{t('fields.amount')}</th>
                <th scope="col">{t('fields.valuationNote')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('section.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {transactions.map((tr) => {
                const what = `${formatDate(tr.date, language)}, ${money(tr.value)}`;
                return (
                  <tr key={tr.id} data-testid="transaction-row">
                    <td className="nowrap">{formatDate(tr.date, language)}</td>
                    <td>{t(`transactionTypes.${tr.transactionType}`)}</td>
                    <td>
                      {label(labelOf(contributionForms, tr.form))}
                      {tr.form === 'in-kind' && tr.inKindCategory && ` · ${label(labelOf(inKindCategories, tr.inKindCategory))}`}
                    </td>
                    <td>{label(labelOf(fundingSources, tr.source))}</td>
                    <td>
                      {organization(tr.providerOrganizationId)} → {organization(tr.receiverOrganizationId)}
                    </td>
                    <td className="nowrap">{money(tr.value)}</td>
                    <td className="prose">{[tr.valuationNote, tr.description].filter(Boolean).join('\n') || '—'}</td>
                    <td className="nowrap">
                      <Link to={`/transactions/${tr.id}/edit`} state={back} aria-label={t('transactions.editOne', { what })}>
                        {t('section.edit')}
                      </Link>{' '}
                      <button type="button" className="link-button" onClick={() => void remove('transaction', tr.id, t('transactions.confirmDelete'))} aria-label={t('transactions.deleteOne', { what })}>
                        {t('section.delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Totals in one column per currency (the activity's first): amounts of different currencies are never added. */
function TotalsTable({ caption, firstHeader, rows, firstCurrency, testId }: { caption: string; firstHeader: string; rows: TotalsRow[]; firstCurrency: string; testId: string }) {
  const language = useUiStore((s) => s.language);
  const currencies = orderCurrencies(
    rows.flatMap((row) => row.totals.map((total) => total.currency)),
    firstCurrency,
  );
  return (
    <table className="history-table totals-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{firstHeader}</th>
          {currencies.map((c) => (
            <th key={c} scope="col" className="numeric">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid={`${testId}-${row.key}`}>
            <th scope="row" className={row.indent ? 'indent' : undefined} style={row.indent ? { paddingLeft: '1.5rem', fontWeight: 400 } : undefined}>
              {row.label}
            </th>
            {currencies.map((c) => {
              const total = row.totals.find((x) => x.currency === c);
              return (
                <td key={c} className="numeric nowrap" data-currency={c}>
                  {total ? formatMoney(total.amount, c, language) : '—'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
