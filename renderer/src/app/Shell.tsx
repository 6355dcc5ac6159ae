import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import { getBridge } from '../bridge';
import { useConflictCount } from '../features/conflicts/useConflicts';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { DataMenu } from './DataMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNavigation } from './MainNavigation';
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
        <div className="topbar-tools">
          <DataMenu />
          <OnlineIndicator />
          <SyncIndicator />
          <LanguageSwitch />
        </div>
      </header>
      <div className="workspace">
        <MainNavigation conflicts={conflicts} />
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
