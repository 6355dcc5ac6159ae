import type { RouteObject } from 'react-router';
import { ActivityDetailPage } from './ActivityDetailPage';
import { ActivityFormPage } from './ActivityFormPage';
import { ActivitiesListPage } from './ActivitiesListPage';

/** The pages of this feature, gathered by app/App.tsx. */
export const activityRoutes: RouteObject[] = [
  { path: 'activities', element: <ActivitiesListPage /> },
  { path: 'activities/new', element: <ActivityFormPage /> },
  { path: 'activities/:id', element: <ActivityDetailPage /> },
  { path: 'activities/:id/edit', element: <ActivityFormPage /> },
];
