import { findCountry, findPriorityArea, pickText, type ContentLanguage, type EntityType, type LocalizedText, type Organization, type TechnologyNeed, type TechnologyOffer } from '@shared/domain';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { organizationName } from '../../db/reads';
import { affectsMatchDetail, affectsTechnology, matchLabel, personName, readMatchDetail, readNeedDetail, readOfferDetail, type MatchSide } from '../../db/technology';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { DocumentsSection } from '../documents/DocumentsSection';
import { RecordHistory } from '../history/RecordHistory';
import { useRepositoryData } from '../history/useRepositoryData';
import { WorkflowPanel } from '../review/WorkflowPanel';
import { MatchStatusStep } from './MatchStatusStep';
import { WriteGuard } from '../review/WriteGuard';

/** The frame every technology detail page shares: loading, not found, saved, header with edit and delete. */
function DetailFrame({
  entity,
  id,
  eyebrow,
  title,
  listPath,
  editPath,
  testId,
  children,
}: {
  entity: 'technologyOffer' | 'technologyNeed' | 'technologyMatch';
  id: string;
  eyebrow: string;
  title: string;
  listPath: string;
  editPath: string;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('technology');
  const issueText = useIssueText();
  const navigate = useNavigate();
  const location = useLocation();
  const [refusal, setRefusal] = useState<string | undefined>();

  const remove = async () => {
    if (!window.confirm(t('detail.confirmDelete'))) return;
    const outcome = await getStore().repository.remove(entity, id);
    if (outcome.ok) return navigate(listPath);
    setRefusal(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
  };

  return (
    <article className="page" aria-labelledby="technology-detail-heading" data-testid={testId}>
      <Notice kind="success">{(location.state as { saved?: boolean } | null)?.saved && t('detail.saved')}</Notice>
      <Notice kind="error" testId="delete-refused">
        {refusal}
      </Notice>
      <div className="page-header">
        <div>
          <p className="eyebrow">{eyebrow}</p>
          <h1 id="technology-detail-heading">{title}</h1>
        </div>
        <div className="actions">
          <WriteGuard entity={entity} recordId={id}>
            <Link className="button primary" to={editPath} data-testid="edit-technology">
              {t('detail.edit')}
            </Link>
            <button type="button" className="button danger" onClick={remove}>
              {t('detail.delete')}
            </button>
          </WriteGuard>
        </div>
      </div>
      {children}
      <WorkflowPanel entity={entity} recordId={id} />
      <DocumentsSection target={{ entity, recordId: id }} />
      <RecordHistory entity={entity} id={id} />
      <p>
        <Link to={listPath}>{t('detail.backToList')}</Link>
      </p>
    </article>
  );
}

function Missing({ listPath }: { listPath: string }) {
  const { t } = useTranslation('technology');
  return (
    <section className="page">
      <h1>{t('detail.notFound')}</h1>
      <Link to={listPath}>{t('detail.backToList')}</Link>
    </section>
  );
}

function Loading({ failed }: { failed?: string }) {
  const { t } = useTranslation('technology');
  return failed ? (
    <p className="page notice error" role="alert">
      {t('common:form.loadFailed')}
    </p>
  ) : (
    <p className="page muted">{t('form.loading')}</p>
  );
}

function OrganizationLink({ organization, id }: { organization: Organization | undefined; id: string }) {
  const { t } = useTranslation('technology');
  const language = useUiStore((s) => s.language);
  return organization ? <Link to={`/organizations/${id}`}>{organizationName(organization, language)}</Link> : <>{t('detail.unknownRecord')}</>;
}

/** Title and description in every language they are written in. */
function Texts({ title, description }: { title: LocalizedText; description: Partial<Record<ContentLanguage, string>> }) {
  const { t } = useTranslation('technology');
  return (
    <section className="card" aria-labelledby="texts-heading">
      <h2 id="texts-heading">{t('detail.texts')}</h2>
      {Object.entries(title).map(([l, text]) => (
        <div key={l} className="translation" lang={l}>
          <h3>
            {text} <span className="muted">· {t(`activities:languages.${l as ContentLanguage}`)}</span>
          </h3>
          {description[l as ContentLanguage] && <p className="prose">{description[l as ContentLanguage]}</p>}
        </div>
      ))}
    </section>
  );
}

/** The facts an offer and a need share, with the offer's own. */
function PostingFacts({ posting, organization, organizationLabel }: { posting: TechnologyOffer | TechnologyNeed; organization: Organization | undefined; organizationLabel: string }) {
  const { t } = useTranslation('technology');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const organizationId = posting.entity === 'technologyOffer' ? posting.providerOrganizationId : posting.seekerOrganizationId;
  return (
    <dl className="facts">
      <div>
        <dt>{organizationLabel}</dt>
        <dd>
          <OrganizationLink organization={organization} id={organizationId} />
        </dd>
      </div>
      <div>
        <dt>{t('fields.country')}</dt>
        <dd>{label(findCountry(posting.country)?.label)}</dd>
      </div>
      <div>
        <dt>{t('fields.priorityAreas')}</dt>
        <dd>{posting.priorityAreas.map((code) => label(findPriorityArea(code)?.label)).join(', ')}</dd>
      </div>
      {posting.entity === 'technologyOffer' && (
        <>
          <div>
            <dt>{t('fields.readinessLevel')}</dt>
            <dd data-testid="offer-readiness-value">{t(`readiness.${posting.readinessLevel}`)}</dd>
          </div>
          <div>
            <dt>{t('fields.intellectualProperty')}</dt>
            <dd>{posting.intellectualProperty ? t(`ip.${posting.intellectualProperty}`) : t('detail.notSet')}</dd>
          </div>
        </>
      )}
      <div>
        <dt>{t('fields.postedOn')}</dt>
        <dd>{formatDate(posting.postedOn, language)}</dd>
      </div>
    </dl>
  );
}

/** The matches of an offer (each with its need) or of a need (each with its offer). */
function MatchesOf<T extends TechnologyOffer | TechnologyNeed>({ matches, otherLabel, newPath, newLabel }: { matches: MatchSide<T>[]; otherLabel: string; newPath: string; newLabel: string }) {
  const { t } = useTranslation('technology');
  const language = useUiStore((s) => s.language);
  return (
    <section className="card" aria-labelledby="matches-heading" data-testid="matches-of">
      <h2 id="matches-heading">{t('detail.matches')}</h2>
      {matches.length === 0 ? (
        <p className="muted">{t('detail.noMatches')}</p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">{otherLabel}</th>
              <th scope="col">{t('fields.organization')}</th>
              <th scope="col">{t('fields.status')}</th>
              <th scope="col">{t('fields.statusDate')}</th>
            </tr>
          </thead>
          <tbody>
            {matches.map(({ match, other, organization }) => (
              <tr key={match.id} data-testid="match-of">
                <td>
                  <Link to={`/technology/matches/${match.id}`}>{pickText(other?.title, language) || t('detail.unknownRecord')}</Link>
                </td>
                <td>{organizationName(organization, language)}</td>
                <td>
                  <span className={`badge match-${match.status}`} data-testid="match-of-status">
                    {t(`status.${match.status}`)}
                  </span>
                </td>
                <td>{formatDate(match.statusDate, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link className="button" to={newPath} data-testid="new-match-here">
          {newLabel}
        </Link>
      </p>
    </section>
  );
}

function useDetail<T>(entity: EntityType, id: string, load: (id: string) => Promise<T>) {
  return useRepositoryData(`${entity}:${id}`, () => load(id), entity === 'technologyMatch' ? affectsMatchDetail : affectsTechnology);
}

export function OfferDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('technology');
  const language = useUiStore((s) => s.language);
  const data = useDetail('technologyOffer', id, readOfferDetail);
  if (data.phase !== 'ready') return <Loading failed={data.phase === 'failed' ? data.message : undefined} />;
  if (!data.data) return <Missing listPath="/technology/offers" />;
  const { offer, provider, matches } = data.data;
  return (
    <DetailFrame
      entity="technologyOffer"
      id={id}
      eyebrow={t('detail.offerEyebrow')}
      title={pickText(offer.title, language)}
      listPath="/technology/offers"
      editPath={`/technology/offers/${id}/edit`}
      testId="offer-detail"
    >
      <PostingFacts posting={offer} organization={provider} organizationLabel={t('fields.provider')} />
      <Texts title={offer.title} description={offer.description} />
      <MatchesOf matches={matches} otherLabel={t('fields.need')} newPath={`/technology/matches/new?offer=${id}`} newLabel={t('detail.matchWithNeed')} />
    </DetailFrame>
  );
}

export function NeedDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('technology');
  const language = useUiStore((s) => s.language);
  const data = useDetail('technologyNeed', id, readNeedDetail);
  if (data.phase !== 'ready') return <Loading failed={data.phase === 'failed' ? data.message : undefined} />;
  if (!data.data) return <Missing listPath="/technology/needs" />;
  const { need, seeker, matches } = data.data;
  return (
    <DetailFrame
      entity="technologyNeed"
      id={id}
      eyebrow={t('detail.needEyebrow')}
      title={pickText(need.title, language)}
      listPath="/technology/needs"
      editPath={`/technology/needs/${id}/edit`}
      testId="need-detail"
    >
      <PostingFacts posting={need} organization={seeker} organizationLabel={t('fields.seeker')} />
      <Texts title={need.title} description={need.description} />
      <MatchesOf matches={matches} otherLabel={t('fields.offer')} newPath={`/technology/matches/new?need=${id}`} newLabel={t('detail.matchWithOffer')} />
    </DetailFrame>
  );
}

/** One side of a match, shown beside the other. */
function MatchSideCard({ side, posting, organization, headingId }: { side: 'offer' | 'need'; posting: TechnologyOffer | TechnologyNeed | undefined; organization: Organization | undefined; headingId: string }) {
  const { t } = useTranslation('technology');
  const language = useUiStore((s) => s.language);
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`match-${side}`}>
      <h2 id={headingId}>{side === 'offer' ? t('fields.offer') : t('fields.need')}</h2>
      {posting ? (
        <>
          <p>
            <Link to={`/technology/${side}s/${posting.id}`}>{pickText(posting.title, language)}</Link>
          </p>
          <PostingFacts posting={posting} organization={organization} organizationLabel={side === 'offer' ? t('fields.provider') : t('fields.seeker')} />
        </>
      ) : (
        <p className="muted">{t('detail.unknownRecord')}</p>
      )}
    </section>
  );
}

export function MatchDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('technology');
  const language = useUiStore((s) => s.language);
  const data = useDetail('technologyMatch', id, readMatchDetail);
  if (data.phase !== 'ready') return <Loading failed={data.phase === 'failed' ? data.message : undefined} />;
  if (!data.data) return <Missing listPath="/technology/matches" />;
  const { match, offer, need, provider, seeker, broker, activities } = data.data;
  return (
    <DetailFrame
      entity="technologyMatch"
      id={id}
      eyebrow={t('detail.matchEyebrow')}
      title={matchLabel(offer, need, language, t('detail.unknownRecord'))}
      listPath="/technology/matches"
      editPath={`/technology/matches/${id}/edit`}
      testId="match-detail"
    >
      <dl className="facts">
        <div>
          <dt>{t('fields.status')}</dt>
          <dd>
            <span className={`badge match-${match.status}`} data-testid="match-status-value">
              {t(`status.${match.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('fields.statusDate')}</dt>
          <dd data-testid="match-status-date-value">{formatDate(match.statusDate, language)}</dd>
        </div>
        <div>
          <dt>{t('fields.broker')}</dt>
          <dd>{broker ? <Link to={`/people/${broker.id}`}>{personName(broker)}</Link> : match.brokerPersonId ? t('detail.unknownRecord') : t('detail.notSet')}</dd>
        </div>
      </dl>
      {match.notes && (
        <section className="card" aria-labelledby="match-notes-heading">
          <h2 id="match-notes-heading">{t('fields.notes')}</h2>
          <p className="prose">{match.notes}</p>
        </section>
      )}
      <MatchStatusStep match={match} />
      <div className="card-grid">
        <MatchSideCard side="offer" posting={offer} organization={provider} headingId="match-offer-heading" />
        <MatchSideCard side="need" posting={need} organization={seeker} headingId="match-need-heading" />
      </div>
      <section className="card" aria-labelledby="follow-up-heading" data-testid="match-activities">
        <h2 id="follow-up-heading">{t('detail.followUp')}</h2>
        {activities.length === 0 ? (
          <p className="muted">{t('detail.noFollowUp')}</p>
        ) : (
          <ul>
            {activities.map((activity) => (
              <li key={activity.id}>
                <Link to={`/activities/${activity.id}`}>{pickText(activity.title, language)}</Link>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link className="button" to={`/activities/new?kind=technology-transfer-match&matchId=${id}`}>
            {t('detail.newFollowUp')}
          </Link>
        </p>
      </section>
    </DetailFrame>
  );
}
