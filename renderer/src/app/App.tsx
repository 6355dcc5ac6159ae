import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { ActivityDetailPage } from '../features/activities/ActivityDetailPage';
import { ActivityFormPage } from '../features/activities/ActivityFormPage';
import { ActivitiesListPage } from '../features/activities/ActivitiesListPage';
import { BundlesPage } from '../features/bundles/BundlesPage';
import { ConflictsPage } from '../features/conflicts/ConflictsPage';
import { DataPage } from '../features/data/DataPage';
import { OrganizationFormPage } from '../features/organizations/OrganizationFormPage';
import { OrganizationsListPage } from '../features/organizations/OrganizationsListPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { NotFoundPage } from './NotFoundPage';
import { Shell } from './Shell';

/** Hash routes work the same under app:// in Electron and from any static server in a browser. */
const router = createHashRouter([
  {
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/activities" replace /> },
      { path: 'activities', element: <ActivitiesListPage /> },
      { path: 'activities/new', element: <ActivityFormPage /> },
      { path: 'activities/:id', element: <ActivityDetailPage /> },
      { path: 'activities/:id/edit', element: <ActivityFormPage /> },
      { path: 'organizations', element: <OrganizationsListPage /> },
      { path: 'organizations/new', element: <OrganizationFormPage /> },
      { path: 'organizations/:id/edit', element: <OrganizationFormPage /> },
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
