import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { getBridge } from '../bridge';
import { useConflictCount } from '../features/conflicts/useConflicts';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { DataMenu } from './DataMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { OnlineIndicator } from './OnlineIndicator';
import { menuCommandRoutes } from './menuCommands';

export function Shell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const conflicts = useConflictCount();

  useEffect(() => getBridge().onMenuCommand((command) => navigate(menuCommandRoutes[command])), [navigate]);

  return (
    <div className="shell">
      {/* Routes live in the URL's hash, so "#main" would be a route: move focus by hand instead. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand" aria-label={t('shell.appName')}>
          <span className="brand-mark" aria-hidden="true">
            STEP
          </span>
          <span className="brand-name">{t('shell.desk')}</span>
        </span>
        <nav aria-label={t('shell.navigation')} className="main-nav">
          <NavLink to="/activities">{t('nav.activities')}</NavLink>
          <NavLink to="/organizations">{t('nav.organizations')}</NavLink>
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
          <NavLink to="/sync" data-testid="nav-sync">
            {t('nav.sync')}
          </NavLink>
          <NavLink to="/bundles" data-testid="nav-bundles">
            {t('nav.bundles')}
          </NavLink>
          <NavLink to="/settings">{t('nav.settings')}</NavLink>
        </nav>
        <div className="topbar-tools">
          <DataMenu />
          <OnlineIndicator />
          <SyncIndicator />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
