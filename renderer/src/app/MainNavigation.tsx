import { modalities } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useLabel } from '../i18n';
import { usePrincipal } from '../state/principal';
import { takesPartInReview } from '../db/workflow';
import { useReviewCount } from '../features/review/useReviewQueue';

/**
 * The side navigation, grouped by what people come for: their daily work (field reports; review: what
 * waits for them and what was returned to them), the program by modality, the registry of organizations
 * and people, and the data's ways in and out. Modality links are the activity list filtered by modality (one list, one filter, shareable URLs).
 */
export function MainNavigation({ conflicts }: { conflicts: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const location = useLocation();
  const principal = usePrincipal();
  const reviewCount = useReviewCount();
  const modalityNow = location.pathname === '/activities' ? new URLSearchParams(location.search).get('modality') : null;

  return (
    <nav aria-label={t('shell.navigation')} className="side-nav">
      <h2 className="nav-group">{t('nav.work')}</h2>
      <ul>
        <li>
          <NavLink to="/field-reports">{t('nav.fieldReports')}</NavLink>
        </li>
        {/* Everyone with a part in review (the workflow's table says who): reviewers' queue, and their own records returned or waiting. */}
        {principal && takesPartInReview(principal.role) && (
          <li>
            <NavLink to="/review" data-testid="nav-review">
              {t('nav.review')}
              {reviewCount > 0 && (
                <>
                  <span className="nav-count" aria-hidden="true" data-testid="review-count">
                    {reviewCount}
                  </span>
                  <span className="visually-hidden">{t('nav.forYou', { count: reviewCount })}</span>
                </>
              )}
            </NavLink>
          </li>
        )}
      </ul>
      <h2 className="nav-group">{t('nav.program')}</h2>
      <ul>
        <li>
          <NavLink to="/activities" end className={({ isActive }) => (isActive && !modalityNow ? 'active' : undefined)}>
            {t('nav.activities')}
          </NavLink>
        </li>
        {modalities.map((modality) => (
          <li key={modality.code}>
            <NavLink
              to={`/activities?modality=${modality.code}`}
              className={() => (modalityNow === modality.code ? 'active' : undefined)}
              aria-current={modalityNow === modality.code ? 'page' : undefined}
            >
              {label(modality.label)}
            </NavLink>
          </li>
        ))}
        <li>
          <NavLink to="/technology">{t('nav.technology')}</NavLink>
        </li>
      </ul>
      <h2 className="nav-group">{t('nav.registry')}</h2>
      <ul>
        <li>
          <NavLink to="/organizations">{t('nav.organizations')}</NavLink>
        </li>
        <li>
          <NavLink to="/people">{t('nav.people')}</NavLink>
        </li>
      </ul>
      <h2 className="nav-group">{t('nav.dataGroup')}</h2>
      <ul>
        <li>
          <NavLink to="/spreadsheets">{t('nav.spreadsheets')}</NavLink>
        </li>
        <li>
          <NavLink to="/conflicts" data-testid="nav-conflicts">
            {t('nav.conflicts')}
            {/* No badge at all when nothing is open: a "0" would draw the eye to nothing to do. */}
            {conflicts > 0 && (
              <>
                <span className="nav-count" aria-hidden="true" data-testid="conflicts-count">
                  {conflicts}
                </span>
                <span className="visually-hidden">{t('nav.openConflicts', { count: conflicts })}</span>
              </>
            )}
          </NavLink>
        </li>
        <li>
          <NavLink to="/sync" data-testid="nav-sync">
            {t('nav.sync')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/bundles" data-testid="nav-bundles">
            {t('nav.bundles')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/settings">{t('nav.settings')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
