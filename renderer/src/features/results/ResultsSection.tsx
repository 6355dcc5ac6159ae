import { findCountry, labelOf, pickText, sexes, type Activity, type Indicator, type IndicatorPeriod } from '@shared/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { activityResults, resultsAffected, type ResultTree } from '../../db/results';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate, formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { useRepositoryData } from '../history/useRepositoryData';
import { breakdownSums, percentOfTarget, totalMismatch } from './breakdownGrid';

/** "113 %" in the reader's language. */
export function formatPercent(value: number, language: string): string {
  return `${formatNumber(Math.round(value), language)}%`;
}

/**
 * An activity's results (outputs, outcomes, impacts), their indicators and each indicator's targets and
 * actuals per period, with the actual as a share of the target and the breakdown by sex and country.
 */
export function ResultsSection({ activity }: { activity: Activity }) {
  const { t } = useTranslation('results');
  const data = useRepositoryData(`results:${activity.id}`, () => activityResults(activity.id), resultsAffected);
  const location = useLocation();
  return (
    <section className="card" aria-labelledby="results-heading" data-testid="results-section">
      <div className="page-header">
        <h2 id="results-heading">{t('section.title')}</h2>
        <Link className="button" to={`/activities/${activity.id}/results/new`} state={{ back: location.pathname }} data-testid="add-result">
          {t('section.addResult')}
        </Link>
      </div>
      {data.phase === 'loading' && <p className="muted">{t('section.loading')}</p>}
      <Notice kind="error">{data.phase === 'failed' && t('section.loadFailed', { message: data.message })}</Notice>
      {data.phase === 'ready' && <ResultsContent results={data.data} />}
    </section>
  );
}

function ResultsContent({ results }: { results: ResultTree[] }) {
  const { t } = useTranslation('results');
  const language = useUiStore((s) => s.language);
  const location = useLocation();
  const issueText = useIssueText();
  const [refusal, setRefusal] = useState<string | undefined>();
  const back = { back: location.pathname };

  const remove = async (entity: 'result' | 'indicator' | 'indicatorPeriod', id: string) => {
    if (!window.confirm(t(`section.confirmDelete.${entity}`))) return;
    setRefusal(undefined);
    const outcome = await getStore().repository.remove(entity, id);
    if (!outcome.ok) setRefusal(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
  };

  if (results.length === 0) return <p className="muted">{t('section.none')}</p>;
  return (
    <>
      <Notice kind="error" testId="results-refusal">
        {refusal}
      </Notice>
      {results.map(({ result, indicators }) => {
        const title = pickText(result.title, language);
        const description = pickText(result.description, language);
        return (
          <article key={result.id} className="result" aria-labelledby={`result-${result.id}`} data-testid="result-item">
            <div className="page-header section-header">
              <h3 id={`result-${result.id}`}>
                <span className="badge">{t(`resultTypes.${result.resultType}`)}</span> {title}
              </h3>
              <div className="actions">
                <Link to={`/results/${result.id}/indicators/new`} state={back} className="button" data-testid="add-indicator" aria-label={t('section.addIndicatorTo', { title })}>
                  {t('section.addIndicator')}
                </Link>
                <Link to={`/results/${result.id}/edit`} state={back} className="button" aria-label={t('section.editOne', { title })}>
                  {t('section.edit')}
                </Link>
                <button type="button" className="button danger" onClick={() => void remove('result', result.id)} aria-label={t('section.deleteOne', { title })}>
                  {t('section.delete')}
                </button>
              </div>
            </div>
            {description && <p className="prose">{description}</p>}
            {indicators.length === 0 ? (
              <p className="muted">{t('section.noIndicators')}</p>
            ) : (
              indicators.map(({ indicator, periods }) => <IndicatorBlock key={indicator.id} indicator={indicator} periods={periods} back={back} onRemove={remove} />)
            )}
          </article>
        );
      })}
    </>
  );
}

function IndicatorBlock({
  indicator,
  periods,
  back,
  onRemove,
}: {
  indicator: Indicator;
  periods: IndicatorPeriod[];
  back: { back: string };
  onRemove: (entity: 'indicator' | 'indicatorPeriod', id: string) => Promise<void>;
}) {
  const { t } = useTranslation('results');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const title = pickText(indicator.title, language);
  const value = (n: number | undefined) => (n === undefined ? '—' : indicator.measure === 'percentage' ? `${formatNumber(n, language)}%` : formatNumber(n, language));
  const facts = [
    t(`measures.${indicator.measure}`) + (indicator.unit ? ` · ${indicator.unit}` : ''),
    indicator.baselineValue !== undefined || indicator.baselineYear !== undefined
      ? t('section.baseline', { value: value(indicator.baselineValue), year: indicator.baselineYear ?? '—' })
      : t('section.noBaseline'),
    indicator.disaggregations.length > 0 ? t('section.disaggregatedBy', { dimensions: indicator.disaggregations.map((d) => t(`dimensions.${d}`)).join(', ') }) : t('section.notDisaggregated'),
    indicator.ascending ? t('section.higherIsBetter') : t('section.lowerIsBetter'),
  ];
  const cellLabel = (entry: { sex?: string; country?: string }) =>
    [entry.sex && label(labelOf(sexes, entry.sex)), entry.country && label(findCountry(entry.country)?.label)].filter(Boolean).join(' · ');

  return (
    <section className="indicator" aria-labelledby={`indicator-${indicator.id}`} data-testid="indicator-item">
      <div className="page-header section-header">
        <h4 id={`indicator-${indicator.id}`}>{title}</h4>
        <div className="actions">
          <Link to={`/indicators/${indicator.id}/periods/new`} state={back} className="button" data-testid="add-period" aria-label={t('section.addPeriodTo', { title })}>
            {t('section.addPeriod')}
          </Link>
          <Link to={`/indicators/${indicator.id}/edit`} state={back} className="button" aria-label={t('section.editOne', { title })}>
            {t('section.edit')}
          </Link>
          <button type="button" className="button danger" onClick={() => void onRemove('indicator', indicator.id)} aria-label={t('section.deleteOne', { title })}>
            {t('section.delete')}
          </button>
        </div>
      </div>
      <p className="muted" data-testid="indicator-facts">
        {facts.join(' · ')}
      </p>
      {periods.length === 0 ? (
        <p className="muted">{t('section.noPeriods')}</p>
      ) : (
        <table className="history-table" data-testid="periods-table">
          <caption className="visually-hidden">{t('section.periodsOf', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.period')}</th>
              <th scope="col">{t('fields.target')}</th>
              <th scope="col">{t('fields.actual')}</th>
              <th scope="col">{t('fields.percentOfTarget')}</th>
              <th scope="col">{t('fields.breakdown')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('section.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => {
              const when = `${formatDate(period.periodStart, language)} – ${formatDate(period.periodEnd, language)}`;
              const percent = percentOfTarget(period.actual, period.target);
              const sums = breakdownSums(period.breakdown, indicator.disaggregations);
              const mismatch = totalMismatch(period.target, sums.target) || totalMismatch(period.actual, sums.actual);
              return (
                <tr key={period.id} data-testid="period-row">
                  <td className="nowrap">{when}</td>
                  <td data-testid="period-target">{value(period.target)}</td>
                  <td data-testid="period-actual">{value(period.actual)}</td>
                  <td data-testid="period-percent">{percent === undefined ? '—' : formatPercent(percent, language)}</td>
                  <td>
                    {period.breakdown.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="plain-list" data-testid="period-breakdown">
                        {period.breakdown.map((entry) => (
                          <li key={`${entry.sex ?? ''}|${entry.country ?? ''}`}>
                            {cellLabel(entry)}: {t('section.cell', { target: value(entry.target), actual: value(entry.actual) })}
                          </li>
                        ))}
                      </ul>
                    )}
                    {mismatch && (
                      <p className="field-hint" data-testid="period-mismatch">
                        {t('section.mismatch', { target: value(sums.target), actual: value(sums.actual) })}
                      </p>
                    )}
                    {period.comment && <p className="prose">{period.comment}</p>}
                  </td>
                  <td className="nowrap">
                    <Link to={`/periods/${period.id}/edit`} state={back} aria-label={t('section.editPeriod', { period: when })}>
                      {t('section.edit')}
                    </Link>{' '}
                    <button type="button" className="link-button" onClick={() => void onRemove('indicatorPeriod', period.id)} aria-label={t('section.deletePeriod', { period: when })}>
                      {t('section.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
