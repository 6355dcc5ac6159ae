import { labelOf, partnerSides, participationRoles, type Activity, type PartnerSide, type ParticipationRole } from '@shared/domain';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { activityPartners } from '../../db/participants';
import { useOrganizationOptions } from '../../ui/useOrganizationOptions';
import { getRecord, organizationName } from '../../db/reads';
import { getStore } from '../../db/store';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { RecordPicker } from '../../ui/RecordPicker';
import { useRepositoryData } from '../history/useRepositoryData';
import { likelySide } from './enrolment';

/**
 * The organizations taking part in an activity (IATI participating-org): each with its role (funding,
 * accountable, implementing, extending) and its side of the partnership (Chinese, ASEAN, third party).
 */
export function PartnersSection({ activity }: { activity: Activity }) {
  const { t } = useTranslation('participants');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const issueText = useIssueText();
  const headingId = useId();
  const organizations = useOrganizationOptions();
  const [organizationId, setOrganizationId] = useState<string | undefined>();
  const [role, setRole] = useState<ParticipationRole>('implementing');
  const [side, setSide] = useState<PartnerSide>('asean');
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const data = useRepositoryData(
    `partners:${activity.id}`,
    () => activityPartners(activity.id),
    (changes) => changes.some((c) => c.entity === 'participatingOrganization' || c.entity === 'organization'),
  );
  const rows = useMemo(() => (data.phase === 'ready' ? data.data : []), [data]);


  const choose = async (id: string | undefined) => {
    setOrganizationId(id);
    setError(undefined);
    if (!id) return;
    const organization = await getRecord('organization', id);
    setSide(likelySide(organization?.country));
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(undefined);
    if (!organizationId) return setError(t('partners.chooseOrganization'));
    if (rows.some(({ partner }) => partner.organizationId === organizationId && partner.role === role)) return setError(t('partners.duplicate'));
    setBusy(true);
    try {
      const outcome = await getStore().repository.create('participatingOrganization', { activityId: activity.id, organizationId, role, side });
      if (!outcome.ok) return setError(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
      setOrganizationId(undefined);
      setError(undefined);
      setNotice({ kind: 'success', text: t('partners.added') });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string, name: string) => {
    if (!window.confirm(t('partners.confirmRemove', { name }))) return;
    const outcome = await getStore().repository.remove('participatingOrganization', id);
    setNotice(outcome.ok ? { kind: 'success', text: t('partners.removed', { name }) } : { kind: 'error', text: issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params) });
  };

  return (
    <section className="card partners" aria-labelledby={headingId} data-testid="partners-section">
      <h2 id={headingId}>{t('partners.title')}</h2>
      <Notice kind={notice?.kind ?? 'success'} testId="partners-notice">
        {notice?.text}
      </Notice>
      {data.phase === 'loading' ? (
        <p className="muted">{t('loading')}</p>
      ) : data.phase === 'failed' ? (
        <p className="notice error" role="alert">
          {t('loadFailed', { message: data.message })}
        </p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="partners-empty">
          {t('partners.empty')}
        </p>
      ) : (
        <table className="history-table" data-testid="partners-table">
          <caption className="visually-hidden">{t('partners.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('partners.organization')}</th>
              <th scope="col">{t('partners.role')}</th>
              <th scope="col">{t('partners.side')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ partner, organization }) => {
              const name = organizationName(organization, language) || t('common:form.unknownRecord');
              return (
                <tr key={partner.id} data-testid="partner-row">
                  <th scope="row">{organization ? <Link to={`/organizations/${organization.id}`}>{name}</Link> : name}</th>
                  <td>{label(labelOf(participationRoles, partner.role))}</td>
                  <td>{label(labelOf(partnerSides, partner.side))}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => void remove(partner.id, name)} aria-label={t('partners.removeLabel', { name })} data-testid="remove-partner">
                      {t('partners.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form onSubmit={add} noValidate className="partner-add" data-testid="partner-form">
        <h3>{t('partners.addTitle')}</h3>
        <div className="form-grid">
          <Field label={t('partners.organization')} error={error} required>
            {(props) => (
              <RecordPicker
                id={props.id}
                invalid={props['aria-invalid']}
                describedBy={props['aria-describedby']}
                options={organizations}
                value={organizationId}
                onChange={(id) => void choose(id)}
                placeholder={t('create.typeToSearch')}
                clearLabel={t('create.clear')}
                unknownLabel={t('common:form.unknownRecord')}
              />
            )}
          </Field>
          <Field label={t('partners.role')} required>
            {(props) => (
              <select {...props} value={role} onChange={(e) => setRole(e.target.value as ParticipationRole)} data-testid="partner-role">
                {participationRoles.map((r) => (
                  <option key={r.code} value={r.code}>
                    {label(r.label)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('partners.side')} required>
            {(props) => (
              <select {...props} value={side} onChange={(e) => setSide(e.target.value as PartnerSide)} data-testid="partner-side">
                {partnerSides.map((s) => (
                  <option key={s.code} value={s.code}>
                    {label(s.label)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="add-partner">
            {t('partners.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
