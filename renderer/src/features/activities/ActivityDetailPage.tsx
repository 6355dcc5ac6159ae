import {
  activityStatuses,
  findActivityKind,
  findCountry,
  findPriorityArea,
  labelOf,
  modalityOfKind,
  modalities,
  pickText,
  type Activity,
  type ContentLanguage,
} from '@shared/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { affectsActivityDetail, readActivityDetail, type ActivityDetail } from '../../db/activityDetail';
import { emptyActivityFilter } from '../../db/activityIndex';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { DocumentsSection } from '../documents/DocumentsSection';
import { ActivityReportsSection } from '../fieldReports/ActivityReportsSection';
import { FinanceSection } from '../finance/FinanceSection';
import { RecordHistory } from '../history/RecordHistory';
import { useRepositoryData } from '../history/useRepositoryData';
import { ParticipantsSection } from '../participants/ParticipantsSection';
import { PartnersSection } from '../participants/PartnersSection';
import { ResultsSection } from '../results/ResultsSection';
import { WorkflowPanel } from '../review/WorkflowPanel';
import { activityListPath } from './activityFilterUrl';
import { isReferenceField, kindFields } from './kindFields';
import { WriteGuard } from '../review/WriteGuard';

const fieldsOf = (activity: Activity) => kindFields[activity.details.kind];

/**
 * One activity and everything that hangs off it, in the order people read it: what it is (summary and
 * the kind's details, with the records they name), its review, its partners and people, its money and
 * results, the field reports, the documents, the activities under it, and its history. Each section
 * belongs to its feature; this page only places them.
 */
export function ActivityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('activities');
  const language = useUiStore((s) => s.language);
  const listPath = activityListPath(useUiStore((s) => s.activityFilter));
  const unknownRecord = t('detail.unknownRecord');
  const data = useRepositoryData(`activity-detail:${id}:${language}`, () => readActivityDetail(id, fieldsOf, language, unknownRecord), affectsActivityDetail);

  if (data.phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (data.phase === 'failed')
    return (
      <section className="page">
        <h1>{t('common:form.loadFailed')}</h1>
        <Link to={listPath}>{t('detail.backToList')}</Link>
      </section>
    );
  if (!data.data)
    return (
      <section className="page">
        <h1>{t('detail.notFound')}</h1>
        <Link to={listPath}>{t('detail.backToList')}</Link>
      </section>
    );
  return <ActivityDetailView detail={data.data} listPath={listPath} />;
}

function ActivityDetailView({ detail, listPath }: { detail: ActivityDetail; listPath: string }) {
  const { t } = useTranslation('activities');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const location = useLocation();
  const [refusal, setRefusal] = useState<string | undefined>();
  const issueText = useIssueText();
  const { activity, references, children, courses, match } = detail;
  const kind = activity.details.kind;
  const detailEntries = kindFields[kind]
    .map((field) => ({ field, value: (activity.details as Record<string, unknown>)[field.name] }))
    .filter(({ value }) => value !== undefined && !(Array.isArray(value) && value.length === 0));

  const remove = async () => {
    if (!window.confirm(t('detail.confirmDelete'))) return;
    const outcome = await getStore().repository.remove('activity', activity.id);
    if (outcome.ok) return navigate(listPath);
    setRefusal(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
  };

  const showValue = (type: string, value: unknown) => {
    if (Array.isArray(value)) return value.map((v) => (type === 'policyTopics' ? label(findPriorityArea(String(v))?.label) : String(v))).join(', ');
    if (type === 'select') return t(`options.${String(value)}`);
    if (type === 'language') return t(`languages.${String(value)}`);
    if (type === 'date') return formatDate(String(value), language);
    return String(value);
  };
  /** A record the details name, linked to its page; said plainly when it is not on this computer. */
  const referenceLink = (id: string) => {
    const found = references[id];
    return found?.found ? <Link to={found.path}>{found.name || t('list.untitled')}</Link> : <span className="muted">{t('detail.unknownRecord')}</span>;
  };

  return (
    <article className="page" aria-labelledby="activity-heading" data-testid="activity-detail">
      <Notice kind="success">{(location.state as { saved?: boolean } | null)?.saved && t('detail.saved')}</Notice>
      <Notice kind="error" testId="delete-refused">
        {refusal}
      </Notice>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to={activityListPath({ ...emptyActivityFilter, modality: modalityOfKind(kind) })}>
              {label(modalities.find((m) => m.code === modalityOfKind(kind))?.label)}
            </Link>{' '}
            · {label(findActivityKind(kind)?.label)}
          </p>
          <h1 id="activity-heading">{pickText(activity.title, language)}</h1>
        </div>
        <div className="actions">
          <WriteGuard entity="activity" recordId={activity.id}>
            <Link className="button primary" to={`/activities/${activity.id}/edit`} data-testid="edit-activity">
              {t('detail.edit')}
            </Link>
            <button type="button" className="button danger" onClick={remove}>
              {t('detail.delete')}
            </button>
          </WriteGuard>
        </div>
      </div>

      <dl className="facts">
        <div>
          <dt>{t('fields.status')}</dt>
          <dd>
            <span className={`badge status-${activity.status}`}>{label(labelOf(activityStatuses, activity.status))}</span>
          </dd>
        </div>
        <div>
          <dt>{t('fields.countries')}</dt>
          <dd>{activity.countries.map((c) => label(findCountry(c)?.label)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('fields.priorityAreas')}</dt>
          <dd>{activity.priorityAreas.map((a) => label(findPriorityArea(a)?.label)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('detail.planned')}</dt>
          <dd>
            {formatDate(activity.plannedStart, language)} – {formatDate(activity.plannedEnd, language) || t('detail.open')}
          </dd>
        </div>
        {(activity.actualStart || activity.actualEnd) && (
          <div>
            <dt>{t('detail.actual')}</dt>
            <dd>
              {formatDate(activity.actualStart, language)} – {formatDate(activity.actualEnd, language) || t('detail.ongoing')}
            </dd>
          </div>
        )}
        {activity.parentId && (
          <div>
            <dt>{t('fields.parent')}</dt>
            <dd>{referenceLink(activity.parentId)}</dd>
          </div>
        )}
        {activity.iatiIdentifier && (
          <div>
            <dt>{t('fields.iatiIdentifier')}</dt>
            <dd>{activity.iatiIdentifier}</dd>
          </div>
        )}
      </dl>

      <section className="card" aria-labelledby="texts-heading">
        <h2 id="texts-heading">{t('detail.titleAndDescription')}</h2>
        {Object.entries(activity.title).map(([l, text]) => (
          <div key={l} className="translation" lang={l}>
            <h3>
              {text} <span className="muted">· {t(`languages.${l as ContentLanguage}`)}</span>
            </h3>
            {activity.description[l as ContentLanguage] && <p className="prose">{activity.description[l as ContentLanguage]}</p>}
          </div>
        ))}
      </section>

      {(detailEntries.length > 0 || kind === 'training-center') && (
        <section className="card" aria-labelledby="kind-heading" data-testid="kind-details">
          <h2 id="kind-heading">{label(findActivityKind(kind)?.label)}</h2>
          {detailEntries.length > 0 && (
            <dl className="facts">
              {detailEntries.map(({ field, value }) => (
                <div key={field.name}>
                  <dt>{t(`details.${field.name}`)}</dt>
                  <dd>{isReferenceField(field) ? referenceLink(String(value)) : showValue(field.type, value)}</dd>
                </div>
              ))}
              {match && (
                <div>
                  <dt>{t('detail.matchStatus')}</dt>
                  <dd>
                    <span className={`badge match-${match.match.status}`} data-testid="activity-match-status">
                      {t(`technology:status.${match.match.status}`)}
                    </span>{' '}
                    {formatDate(match.match.statusDate, language)}
                  </dd>
                </div>
              )}
            </dl>
          )}
          {kind === 'training-center' && <CenterCourses centerId={activity.id} courses={courses} />}
        </section>
      )}

      <WorkflowPanel entity="activity" recordId={activity.id} />
      <PartnersSection activity={activity} />
      <ParticipantsSection activity={activity} />
      <FinanceSection activity={activity} />
      <ResultsSection activity={activity} />
      <ActivityReportsSection activity={activity} />
      <DocumentsSection target={{ entity: 'activity', recordId: activity.id }} />

      {children.length > 0 && (
        <section className="card" aria-labelledby="children-heading" data-testid="activity-children">
          <h2 id="children-heading">{t('detail.children')}</h2>
          <ActivityLinks activities={children} />
        </section>
      )}
      <RecordHistory entity="activity" id={activity.id} />
      <p>
        <Link to={listPath}>{t('detail.backToList')}</Link>
      </p>
    </article>
  );
}

/** A training center's courses, and a way to add one. */
function CenterCourses({ centerId, courses }: { centerId: string; courses: Activity[] }) {
  const { t } = useTranslation('activities');
  return (
    <div data-testid="center-courses">
      <h3>{t('detail.courses')}</h3>
      {courses.length === 0 ? <p className="muted">{t('detail.noCourses')}</p> : <ActivityLinks activities={courses} />}
      <p>
        <Link className="button" to={`/activities/new?kind=training-course&trainingCenterId=${centerId}`} data-testid="new-course">
          {t('detail.newCourse')}
        </Link>
      </p>
    </div>
  );
}

/** Activities as a list of links, each with its status and dates. */
function ActivityLinks({ activities }: { activities: Activity[] }) {
  const { t } = useTranslation('activities');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  return (
    <ul>
      {activities.map((activity) => (
        <li key={activity.id}>
          <Link to={`/activities/${activity.id}`}>{pickText(activity.title, language) || t('list.untitled')}</Link>{' '}
          <span className="muted">
            · {label(labelOf(activityStatuses, activity.status))} · {formatDate(activity.actualStart ?? activity.plannedStart, language)}
          </span>
        </li>
      ))}
    </ul>
  );
}
