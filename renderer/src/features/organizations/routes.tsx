import type { RouteObject } from 'react-router';
import { OrganizationDetailPage } from './OrganizationDetailPage';
import { OrganizationFormPage } from './OrganizationFormPage';
import { OrganizationsListPage } from './OrganizationsListPage';

/** The pages of this feature, gathered by app/App.tsx. */
export const organizationRoutes: RouteObject[] = [
  { path: 'organizations', element: <OrganizationsListPage /> },
  { path: 'organizations/new', element: <OrganizationFormPage /> },
  { path: 'organizations/:id', element: <OrganizationDetailPage /> },
  { path: 'organizations/:id/edit', element: <OrganizationFormPage /> },
];
