import { findActivityKind, findCountry, labelOf, organizationTypes, partnerSides, participationRoles, pickText, type ContentLanguage, type Organization } from '@shared/domain';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { organizationRelations, type OrganizationRelations } from '../../db/people';
import { getRecord, organizationName } from '../../db/reads';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate, formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { DocumentsSection } from '../documents/DocumentsSection';
import { RecordHistory } from '../history/RecordHistory';
import { useRepositoryData } from '../history/useRepositoryData';
import { WorkflowPanel } from '../review/WorkflowPanel';
import { WriteGuard } from '../review/WriteGuard';

/** People listed on the page; the rest are one link away, in the people list filtered by the organization. */
const peopleShown = 50;

async function loadOrganization(id: string): Promise<{ organization: Organization; relations: OrganizationRelations } | undefined> {
  const organization = await getRecord('organization', id);
  if (!organization) return undefined;
  return { organization, relations: await organizationRelations(organization) };
}

export function OrganizationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('organizations');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const location = useLocation();
  const issueText = useIssueText();
  const [refusal, setRefusal] = useState<string | undefined>();
  const data = useRepositoryData(`organization:${id}`, () => loadOrganization(id), (changes) =>
    changes.some((c) => ['organization', 'person', 'participatingOrganization', 'activity', 'technologyOffer', 'technologyNeed'].includes(c.entity)),
  );

  if (data.phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (data.phase === 'failed' || !data.data)
    return (
      <section className="page">
        <h1>{data.phase === 'failed' ? t('common:form.loadFailed') : t('form.notFound')}</h1>
        <Link to="/organizations">{t('form.backToList')}</Link>
      </section>
    );

  const { organization, relations } = data.data;
  const name = pickText(organization.name, language);
  const remove = async () => {
    if (!window.confirm(t('detail.confirmDelete'))) return;
    const outcome = await getStore().repository.remove('organization', organization.id);
    if (outcome.ok) return navigate('/organizations');
    setRefusal(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
  };
  const fact = (key: string, value: ReactNode) =>
    value === undefined || value === '' ? null : (
      <div key={key}>
        <dt>{t(`fields.${key}`)}</dt>
        <dd>{value}</dd>
      </div>
    );
  const otherNames = Object.entries(organization.name).filter(([, text]) => text && text !== name) as [ContentLanguage, string][];

  return (
    <article className="page" aria-labelledby="organization-heading" data-testid="organization-detail">
      <Notice kind="success">{(location.state as { saved?: boolean } | null)?.saved && t('detail.saved')}</Notice>
      <Notice kind="error" testId="delete-refused">
        {refusal}
      </Notice>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            {label(labelOf(organizationTypes, organization.type))} · {label(findCountry(organization.country)?.label)}
          </p>
          <h1 id="organization-heading">
            {name}
            {organization.acronym && <span className="muted"> ({organization.acronym})</span>}
          </h1>
          {otherNames.map(([l, text]) => (
            <p key={l} className="eyebrow" lang={l}>
              {text}
            </p>
          ))}
        </div>
        <div className="actions">
          <WriteGuard entity="organization" recordId={organization.id}>
            <Link className="button primary" to={`/organizations/${organization.id}/edit`} data-testid="edit-organization">
              {t('detail.edit')}
            </Link>
            <button type="button" className="button danger" onClick={remove} data-testid="delete-organization">
              {t('detail.delete')}
            </button>
          </WriteGuard>
        </div>
      </div>

      <dl className="facts">
        {fact('type', label(labelOf(organizationTypes, organization.type)))}
        {fact('country', label(findCountry(organization.country)?.label))}
        {fact('city', organization.city)}
        {fact('address', organization.address)}
        {fact(
          'website',
          organization.website && (
            <a href={organization.website} target="_blank" rel="noreferrer">
              {organization.website}
            </a>
          ),
        )}
        {fact('email', organization.email && <a href={`mailto:${organization.email}`}>{organization.email}</a>)}
        {fact('phone', organization.phone)}
        {fact('iatiIdentifier', organization.iatiIdentifier)}
        {fact(
          'parent',
          organization.parentId &&
            (relations.parent ? (
              <Link to={`/organizations/${relations.parent.id}`} data-testid="organization-parent">
                {organizationName(relations.parent, language)}
              </Link>
            ) : (
              t('common:form.unknownRecord')
            )),
        )}
      </dl>

      <WorkflowPanel entity="organization" recordId={organization.id} />

      {relations.children.length > 0 && (
        <section className="card" aria-labelledby="children-heading">
          <h2 id="children-heading">{t('detail.children')}</h2>
          <ul data-testid="organization-children">
            {relations.children.map((child) => (
              <li key={child.id}>
                <Link to={`/organizations/${child.id}`}>{organizationName(child, language)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="people-heading" data-testid="organization-people">
        <h2 id="people-heading">{t('detail.people', { count: relations.people.length })}</h2>
        {relations.people.length === 0 ? (
          <p className="muted">{t('detail.noPeople')}</p>
        ) : (
          <>
            <ul>
              {relations.people.slice(0, peopleShown).map((person) => (
                <li key={person.id}>
                  <Link to={`/people/${person.id}`} lang={person.nameRomanized ? undefined : person.nameNativeLanguage}>
                    {person.nameRomanized ?? person.nameNative}
                  </Link>
                  {person.nameRomanized && person.nameNative && (
                    <span className="muted" lang={person.nameNativeLanguage}>
                      {' '}
                      · {person.nameNative}
                    </span>
                  )}
                  {person.position && <span className="muted"> — {person.position}</span>}
                </li>
              ))}
            </ul>
            <p>
              <Link to={`/people?organization=${organization.id}`}>{t('detail.allPeople', { count: relations.people.length, shown: formatNumber(relations.people.length, language) })}</Link>
            </p>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="activities-heading" data-testid="organization-activities">
        <h2 id="activities-heading">{t('detail.activities')}</h2>
        {relations.partnerships.length === 0 ? (
          <p className="muted">{t('detail.noActivities')}</p>
        ) : (
          <table className="history-table">
            <caption className="visually-hidden">{t('detail.activities')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('detail.activity')}</th>
                <th scope="col">{t('detail.role')}</th>
                <th scope="col">{t('detail.side')}</th>
                <th scope="col">{t('detail.start')}</th>
              </tr>
            </thead>
            <tbody>
              {relations.partnerships.map(({ partner, activity }) => (
                <tr key={partner.id}>
                  <td>
                    {activity ? <Link to={`/activities/${activity.id}`}>{pickText(activity.title, language)}</Link> : t('common:form.unknownRecord')}
                    {activity && <div className="muted">{label(findActivityKind(activity.details.kind)?.label)}</div>}
                  </td>
                  <td>{label(labelOf(participationRoles, partner.role))}</td>
                  <td>{label(labelOf(partnerSides, partner.side))}</td>
                  <td className="nowrap">{formatDate(activity?.plannedStart, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {(relations.offers.length > 0 || relations.needs.length > 0) && (
        <section className="card" aria-labelledby="technology-heading" data-testid="organization-technology">
          <h2 id="technology-heading">{t('detail.technology')}</h2>
          {relations.offers.length > 0 && (
            <>
              <h3>{t('detail.offers')}</h3>
              <ul>
                {relations.offers.map((offer) => (
                  <li key={offer.id}>
                    {pickText(offer.title, language)} <span className="muted">· {formatDate(offer.postedOn, language)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {relations.needs.length > 0 && (
            <>
              <h3>{t('detail.needs')}</h3>
              <ul>
                {relations.needs.map((need) => (
                  <li key={need.id}>
                    {pickText(need.title, language)} <span className="muted">· {formatDate(need.postedOn, language)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            <Link to="/technology">{t('detail.technologyLink')}</Link>
          </p>
        </section>
      )}

      <DocumentsSection target={{ entity: 'organization', recordId: organization.id }} />
      <RecordHistory entity="organization" id={organization.id} />
      <p>
        <Link to="/organizations">{t('form.backToList')}</Link>
      </p>
    </article>
  );
}
