import {
  activityStatuses,
  findActivityKind,
  findCountry,
  findPriorityArea,
  labelOf,
  modalityOfKind,
  modalities,
  partnerSides,
  participationRoles,
  pickText,
  type Activity,
  type ContentLanguage,
} from '@shared/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { activityRelations, getRecord, organizationName } from '../../db/reads';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate, formatMoney } from '../../ui/format';
import { RecordHistory } from '../history/RecordHistory';
import { kindFields } from './kindFields';
import { Notice } from '../../ui/Notice';

type Relations = Awaited<ReturnType<typeof activityRelations>>;
type State = { phase: 'loading' } | { phase: 'missing' } | { phase: 'ready'; activity: Activity; relations: Relations; references: Record<string, string> };

/** Names for the ids a kind's details refer to (host organizations, people, training centers). */
async function resolveReferences(activity: Activity, language: string): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const field of kindFields[activity.details.kind]) {
    const id = (activity.details as Record<string, unknown>)[field.name];
    if (typeof id !== 'string') continue;
    if (field.type === 'organization') names[id] = organizationName(await getRecord('organization', id), language);
    if (field.type === 'person') {
      const person = await getRecord('person', id);
      names[id] = [person?.nameRomanized, person?.nameNative].filter(Boolean).join(' · ');
    }
    if (field.type === 'activity') names[id] = pickText((await getRecord('activity', id))?.title, language);
  }
  if (activity.parentId) names[activity.parentId] = pickText((await getRecord('activity', activity.parentId))?.title, language);
  return names;
}

function sumByCurrency(items: { value: { amount: number; currency: string } }[]): [string, number][] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.value.currency, (totals.get(item.value.currency) ?? 0) + item.value.amount);
  return [...totals];
}

export function ActivityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('activities');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const location = useLocation();
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [refusal, setRefusal] = useState<string | undefined>();
  const issueText = useIssueText();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const activity = await getRecord('activity', id);
      if (!activity) return !cancelled && setState({ phase: 'missing' });
      const [relations, references] = await Promise.all([activityRelations(id), resolveReferences(activity, language)]);
      if (!cancelled) setState({ phase: 'ready', activity, relations, references });
    })();
    return () => {
      cancelled = true;
    };
  }, [id, language]);

  if (state.phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (state.phase === 'missing')
    return (
      <section className="page">
        <h1>{t('detail.notFound')}</h1>
        <Link to="/activities">{t('detail.backToList')}</Link>
      </section>
    );

  const { activity, relations, references } = state;
  const kind = activity.details.kind;
  const detailEntries = kindFields[kind]
    .map((field) => ({ field, value: (activity.details as Record<string, unknown>)[field.name] }))
    .filter(({ value }) => value !== undefined && !(Array.isArray(value) && value.length === 0));

  const remove = async () => {
    if (!window.confirm(t('detail.confirmDelete'))) return;
    const outcome = await getStore().repository.remove('activity', activity.id);
    if (outcome.ok) return navigate('/activities');
    setRefusal(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
  };

  const showValue = (type: string, value: unknown): string => {
    if (Array.isArray(value)) return value.map((v) => (type === 'policyTopics' ? label(findPriorityArea(String(v))?.label) : String(v))).join(', ');
    if (type === 'organization' || type === 'person' || type === 'activity') return references[String(value)] || t('detail.unknownRecord');
    if (type === 'select') return t(`options.${String(value)}`);
    if (type === 'language') return t(`languages.${String(value)}`);
    if (type === 'date') return formatDate(String(value), language);
    return String(value);
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
            {label(modalities.find((m) => m.code === modalityOfKind(kind))?.label)} · {label(findActivityKind(kind)?.label)}
          </p>
          <h1 id="activity-heading">{pickText(activity.title, language)}</h1>
        </div>
        <div className="actions">
          <Link className="button primary" to={`/activities/${activity.id}/edit`} data-testid="edit-activity">
            {t('detail.edit')}
          </Link>
          <button type="button" className="button danger" onClick={remove}>
            {t('detail.delete')}
          </button>
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
            <dd>
              <Link to={`/activities/${activity.parentId}`}>{references[activity.parentId] || t('detail.unknownRecord')}</Link>
            </dd>
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

      {detailEntries.length > 0 && (
        <section className="card" aria-labelledby="kind-heading">
          <h2 id="kind-heading">{label(findActivityKind(kind)?.label)}</h2>
          <dl className="facts">
            {detailEntries.map(({ field, value }) => (
              <div key={field.name}>
                <dt>{t(`details.${field.name}`)}</dt>
                <dd>{showValue(field.type, value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section className="card" aria-labelledby="related-heading">
        <h2 id="related-heading">{t('detail.related')}</h2>
        <h3>{t('detail.partners')}</h3>
        {relations.partners.length === 0 ? (
          <p className="muted">{t('detail.noPartners')}</p>
        ) : (
          <ul>
            {relations.partners.map(({ partner, organization }) => (
              <li key={partner.id}>
                {organizationName(organization, language) || t('detail.unknownRecord')} — {label(labelOf(participationRoles, partner.role))},{' '}
                {label(labelOf(partnerSides, partner.side))}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('detail.money')}</h3>
        <p>
          {t('detail.budgets', { count: relations.budgets.length })}
          {sumByCurrency(relations.budgets).map(([currency, amount]) => ` · ${formatMoney(amount, currency, language)}`)}
        </p>
        <p>
          {t('detail.transactions', { count: relations.transactions.length })}
          {sumByCurrency(relations.transactions).map(([currency, amount]) => ` · ${formatMoney(amount, currency, language)}`)}
        </p>
        <h3>{t('detail.people')}</h3>
        <p>{t('detail.participants', { count: relations.participationCount })}</p>
        <p>{t('detail.fieldReports', { count: relations.fieldReportCount })}</p>
        {relations.children.length > 0 && (
          <>
            <h3>{t('detail.children')}</h3>
            <ul>
              {relations.children.map((child) => (
                <li key={child.id}>
                  <Link to={`/activities/${child.id}`}>{pickText(child.title, language)}</Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <RecordHistory entity="activity" id={activity.id} />
      <p>
        <Link to="/activities">{t('detail.backToList')}</Link>
      </p>
    </article>
  );
}
