import { pickText } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useUiStore } from '../../state/uiStore';
import { Notice } from '../../ui/Notice';
import { RecordLoading, RecordMissing } from '../../ui/RecordStates';
import { useLiveRecord } from '../../ui/useLiveRecord';
import { ResultsSection } from '../results/ResultsSection';
import { FinanceSection } from './FinanceSection';

/** /activities/:activityId/finance: an activity's money and results on one page. */
export function FinancePage() {
  const { activityId } = useParams();
  const { t } = useTranslation('finance');
  const language = useUiStore((s) => s.language);
  const location = useLocation();
  const activity = useLiveRecord('activity', activityId);
  if (activity.phase === 'loading') return <RecordLoading />;
  if (activity.phase === 'failed' || !activity.data) return <RecordMissing message={t('form.activityNotFound')} />;
  const title = pickText(activity.data.title, language);
  return (
    <article className="page" aria-labelledby="finance-page-heading" data-testid="finance-page">
      <Notice kind="success">{(location.state as { saved?: boolean } | null)?.saved && t('page.saved')}</Notice>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to={`/activities/${activity.data.id}`}>{title}</Link>
          </p>
          <h1 id="finance-page-heading">{t('page.title')}</h1>
        </div>
      </div>
      <FinanceSection activity={activity.data} />
      <ResultsSection activity={activity.data} />
      <p>
        <Link to={`/activities/${activity.data.id}`}>{t('page.backToActivity')}</Link>
      </p>
    </article>
  );
}
