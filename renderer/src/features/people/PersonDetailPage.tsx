import { canSeePersonalData, personalDataFields } from '@shared/access/personalData';
import { findActivityKind, findCountry, labelOf, personRoles, pickText, sexes, type Person } from '@shared/domain';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { personRelations, type PersonRelations } from '../../db/people';
import { getRecord, organizationName } from '../../db/reads';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { formatDate } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { DocumentsSection } from '../documents/DocumentsSection';
import { RecordHistory } from '../history/RecordHistory';
import { useRepositoryData } from '../history/useRepositoryData';
import { WorkflowPanel } from '../review/WorkflowPanel';
import { WriteGuard } from '../review/WriteGuard';

async function loadPerson(id: string): Promise<{ person: Person; relations: PersonRelations } | undefined> {
  const person = await getRecord('person', id);
  if (!person) return undefined;
  return { person, relations: await personRelations(person) };
}

export function PersonDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('people');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const location = useLocation();
  const principal = usePrincipal();
  const issueText = useIssueText();
  const [refusal, setRefusal] = useState<string | undefined>();
  const data = useRepositoryData(
    `person:${id}`,
    () => loadPerson(id),
    (changes) => changes.some((c) => (c.entity === 'person' && c.ids.includes(id)) || c.entity === 'participation' || c.entity === 'organization' || c.entity === 'activity'),
  );

  if (data.phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (data.phase === 'failed' || !data.data)
    return (
      <section className="page">
        <h1>{data.phase === 'failed' ? t('common:form.loadFailed') : t('form.notFound')}</h1>
        <Link to="/people">{t('form.backToList')}</Link>
      </section>
    );

  const { person, relations } = data.data;
  const personal = canSeePersonalData(principal, person);
  const country = label(findCountry(person.country)?.label);

  const remove = async () => {
    if (!window.confirm(t('detail.confirmDelete'))) return;
    const outcome = await getStore().repository.remove('person', person.id);
    if (outcome.ok) return navigate('/people');
    setRefusal(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
  };

  const fact = (name: string, value: ReactNode, testId?: string) =>
    value === undefined || value === '' ? null : (
      <div key={name}>
        <dt>{t(`fields.${name}`)}</dt>
        <dd data-testid={testId}>{value}</dd>
      </div>
    );

  return (
    <article className="page" aria-labelledby="person-heading" data-testid="person-detail">
      <Notice kind="success">{(location.state as { saved?: boolean } | null)?.saved && t('detail.saved')}</Notice>
      <Notice kind="error" testId="delete-refused">
        {refusal}
      </Notice>
      <div className="page-header">
        <div>
          <p className="eyebrow">{person.roles.map((role) => label(labelOf(personRoles, role))).join(' · ')}</p>
          <h1 id="person-heading" lang={person.nameRomanized ? undefined : person.nameNativeLanguage}>
            {person.nameRomanized ?? person.nameNative}
          </h1>
          {person.nameRomanized && person.nameNative && (
            <p className="person-native-name" lang={person.nameNativeLanguage} data-testid="person-native-name">
              {person.nameNative}
            </p>
          )}
        </div>
        <div className="actions">
          <WriteGuard entity="person" recordId={person.id}>
            <Link className="button primary" to={`/people/${person.id}/edit`} data-testid="edit-person">
              {t('detail.edit')}
            </Link>
            <button type="button" className="button danger" onClick={remove} data-testid="delete-person">
              {t('detail.delete')}
            </button>
          </WriteGuard>
        </div>
      </div>

      <dl className="facts">
        {fact('nameNative', person.nameNative && <span lang={person.nameNativeLanguage}>{person.nameNative}</span>)}
        {fact('nameNativeLanguage', person.nameNativeLanguage && t(`activities:languages.${person.nameNativeLanguage}`))}
        {fact('nameRomanized', person.nameRomanized)}
        {fact('sex', label(labelOf(sexes, person.sex)))}
        {fact('country', country)}
        {fact('nationality', person.nationality && label(findCountry(person.nationality)?.label))}
        {fact(
          'organization',
          person.organizationId &&
            (relations.organization ? (
              <Link to={`/organizations/${person.organizationId}`} data-testid="person-organization">
                {organizationName(relations.organization, language)}
              </Link>
            ) : (
              t('common:form.unknownRecord')
            )),
        )}
        {fact('position', person.position)}
        {fact('roles', person.roles.map((role) => label(labelOf(personRoles, role))).join(', '))}
        {personal && fact('birthYear', person.birthYear === undefined ? undefined : String(person.birthYear), 'person-birth-year')}
        {personal && fact('email', person.email && <a href={`mailto:${person.email}`}>{person.email}</a>, 'person-email')}
        {personal && fact('phone', person.phone, 'person-phone')}
      </dl>
      {!personal && (
        <p className="muted" data-testid="personal-data-hidden">
          {t('personal.hidden', { country })}
        </p>
      )}

      <WorkflowPanel entity="person" recordId={person.id} />

      <section className="card" aria-labelledby="participations-heading" data-testid="person-participations">
        <h2 id="participations-heading">{t('detail.participations')}</h2>
        {relations.participations.length === 0 ? (
          <p className="muted">{t('detail.noParticipations')}</p>
        ) : (
          <table className="history-table">
            <caption className="visually-hidden">{t('detail.participations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('detail.activity')}</th>
                <th scope="col">{t('detail.role')}</th>
                <th scope="col">{t('detail.status')}</th>
                <th scope="col">{t('detail.completedOn')}</th>
                <th scope="col">{t('detail.certificate')}</th>
              </tr>
            </thead>
            <tbody>
              {relations.participations.map(({ participation, activity }) => (
                <tr key={participation.id} data-testid="person-participation">
                  <td>
                    {activity ? <Link to={`/activities/${activity.id}`}>{pickText(activity.title, language)}</Link> : t('common:form.unknownRecord')}
                    {activity && <div className="muted">{label(findActivityKind(activity.details.kind)?.label)}</div>}
                  </td>
                  <td>{label(labelOf(personRoles, participation.role))}</td>
                  <td>{t(`participants:status.${participation.status}`)}</td>
                  <td className="nowrap">{formatDate(participation.completedOn, language)}</td>
                  <td>{participation.certificateNumber}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <DocumentsSection target={{ entity: 'person', recordId: person.id }} />
      <RecordHistory entity="person" id={person.id} hiddenFields={personal ? undefined : personalDataFields} />
      <p>
        <Link to="/people">{t('form.backToList')}</Link>
      </p>
    </article>
  );
}
