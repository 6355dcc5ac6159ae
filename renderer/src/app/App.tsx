import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { activityRoutes } from '../features/activities/routes';
import { BundlesPage } from '../features/bundles/BundlesPage';
import { ConflictsPage } from '../features/conflicts/ConflictsPage';
import { DataPage } from '../features/data/DataPage';
import { fieldReportRoutes } from '../features/fieldReports/routes';
import { financeRoutes } from '../features/finance/routes';
import { organizationRoutes } from '../features/organizations/routes';
import { participantRoutes } from '../features/participants/routes';
import { peopleRoutes } from '../features/people/routes';
import { resultRoutes } from '../features/results/routes';
import { reviewRoutes } from '../features/review/routes';
import { SettingsPage } from '../features/settings/SettingsPage';
import { spreadsheetRoutes } from '../features/spreadsheets/routes';
import { SyncPage } from '../features/sync/SyncPage';
import { technologyRoutes } from '../features/technology/routes';
import { NotFoundPage } from './NotFoundPage';
import { Shell } from './Shell';

/** Hash routes work the same under app:// in Electron and from any static server in a browser. Each feature lists its own pages. */
const router = createHashRouter([
  {
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/activities" replace /> },
      ...activityRoutes,
      ...organizationRoutes,
      ...peopleRoutes,
      ...participantRoutes,
      ...financeRoutes,
      ...resultRoutes,
      ...technologyRoutes,
      ...fieldReportRoutes,
      ...reviewRoutes,
      ...spreadsheetRoutes,
      { path: 'data', element: <DataPage /> },
      { path: 'conflicts', element: <ConflictsPage /> },
      { path: 'sync', element: <SyncPage /> },
      { path: 'bundles', element: <BundlesPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
