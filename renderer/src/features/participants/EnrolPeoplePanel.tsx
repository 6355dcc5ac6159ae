import { findCountry, personRoles, type Activity, type PersonRole } from '@shared/domain';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enrolPeople } from '../../db/participants';
import { listPeople } from '../../db/people';
import { listOrganizations, organizationName } from '../../db/reads';
import { useIssueText, useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatNumber } from '../../ui/format';
import { useRepositoryData } from '../history/useRepositoryData';
import { emptyPersonFilter, filterPeople, indexPeople } from '../people/personSearch';
import { defaultRoleFor, isTraining } from './enrolment';

/** People listed at once; typing narrows the list (it searches every person on this computer). */
const shownAtOnce = 50;

async function loadCandidates() {
  const [people, organizations] = await Promise.all([listPeople(), listOrganizations()]);
  return { indexed: indexPeople(people), organizations: new Map(organizations.map((o) => [o.id, o])) };
}

/**
 * Enrol people from the person list: search (native script or romanized), tick several, enrol them in
 * one go. People already taking part are shown ticked and cannot be chosen again.
 */
export function EnrolPeoplePanel({
  activity,
  enrolledIds,
  onDone,
  onClose,
}: {
  activity: Activity;
  enrolledIds: ReadonlySet<string>;
  onDone: (message: string, kind: 'success' | 'error') => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('participants');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const issueText = useIssueText();
  const headingId = useId();
  const searchId = useId();
  const roleId = useId();
  const [text, setText] = useState('');
  const [country, setCountry] = useState('');
  const [role, setRole] = useState<PersonRole>(defaultRoleFor(activity.details.kind));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const query = useDeferredValue(text);
  const data = useRepositoryData('enrol-candidates', loadCandidates, (changes) => changes.some((c) => c.entity === 'person' || c.entity === 'organization'));
  const ready = data.phase === 'ready' ? data.data : undefined;
  const matches = useMemo(() => (ready ? filterPeople(ready.indexed, { ...emptyPersonFilter(), text: query, country }) : []), [ready, query, country]);
  const shown = matches.slice(0, shownAtOnce);
  const training = isTraining(activity.details.kind);

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const enrol = async () => {
    setBusy(true);
    try {
      const result = await enrolPeople(activity.id, [...chosen], role);
      setChosen(new Set());
      const parts = [t('enrol.done', { count: result.enrolled.length })];
      if (result.alreadyEnrolled.length > 0) parts.push(t('enrol.skipped', { count: result.alreadyEnrolled.length }));
      if (result.refused.length > 0) {
        const first = result.refused[0]?.issues[0];
        parts.push(t('enrol.refused', { count: result.refused.length, reason: issueText(first?.message ?? 'v.invalid', first?.params) }));
      }
      onDone(parts.join(' '), result.refused.length > 0 ? 'error' : 'success');
    } catch (error) {
      onDone(t('enrol.failed', { message: error instanceof Error ? error.message : String(error) }), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="form-section enrol-panel" aria-labelledby={headingId} data-testid="enrol-panel">
      <h3 id={headingId}>{training ? t('enrol.titleTrainees') : t('enrol.title')}</h3>
      <div className="filters">
        <label htmlFor={searchId} className="search-field">
          <span className="filter-label">{t('enrol.search')}</span>
          <input id={searchId} type="search" value={text} placeholder={t('enrol.searchPlaceholder')} onChange={(e) => setText(e.target.value)} data-testid="enrol-search" />
        </label>
        <label>
          <span className="filter-label">{t('enrol.country')}</span>
          <select value={country} onChange={(e) => setCountry(e.target.value)} data-testid="enrol-country">
            <option value="">{t('enrol.anyCountry')}</option>
            {activity.countries.map((code) => (
              <option key={code} value={code}>
                {label(findCountry(code)?.label)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={roleId}>
          <span className="filter-label">{t('enrol.role')}</span>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as PersonRole)} data-testid="enrol-role">
            {personRoles.map((r) => (
              <option key={r.code} value={r.code}>
                {label(r.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.phase === 'loading' ? (
        <p className="muted">{t('loading')}</p>
      ) : data.phase === 'failed' ? (
        <p className="notice error" role="alert">
          {t('loadFailed', { message: data.message })}
        </p>
      ) : (
        <>
          <p className="result-count" role="status">
            {matches.length > shown.length
              ? t('enrol.moreMatches', { shown: formatNumber(shown.length, language), count: matches.length, total: formatNumber(matches.length, language) })
              : t('enrol.matches', { count: matches.length })}
          </p>
          {shown.length > 0 && (
            <fieldset className="candidate-list" style={{ border: 0, padding: 0, margin: 0 }}>
              <legend className="visually-hidden">{t('enrol.choose')}</legend>
              <ul style={{ listStyle: 'none', padding: 0, maxHeight: '24rem', overflowY: 'auto' }} data-testid="enrol-candidates">
                {shown.map((person) => {
                  const already = enrolledIds.has(person.id);
                  const organization = person.organizationId ? ready?.organizations.get(person.organizationId) : undefined;
                  return (
                    <li key={person.id} data-testid="enrol-candidate" data-enrolled={already || undefined}>
                      <label>
                        <input
                          type="checkbox"
                          checked={already || chosen.has(person.id)}
                          disabled={already}
                          onChange={(e) => toggle(person.id, e.target.checked)}
                        />{' '}
                        <span lang={person.nameRomanized ? undefined : person.nameNativeLanguage}>{person.nameRomanized ?? person.nameNative}</span>
                        {person.nameRomanized && person.nameNative && (
                          <span lang={person.nameNativeLanguage}> · {person.nameNative}</span>
                        )}
                        <span className="muted">
                          {' '}
                          · {label(findCountry(person.country)?.label)}
                          {organization && ` · ${organizationName(organization, language)}`}
                        </span>
                        {already && <span className="badge"> {t('enrol.already')}</span>}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button primary" disabled={chosen.size === 0 || busy} onClick={() => void enrol()} data-testid="enrol-chosen">
          {t('enrol.submit', { count: chosen.size })}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('enrol.close')}
        </button>
      </div>
    </section>
  );
}
