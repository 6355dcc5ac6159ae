import type { RouteObject } from 'react-router';
import { PeopleListPage } from './PeopleListPage';
import { PersonDetailPage } from './PersonDetailPage';
import { PersonFormPage } from './PersonFormPage';

/** The pages of this feature, gathered by app/App.tsx. */
export const peopleRoutes: RouteObject[] = [
  { path: 'people', element: <PeopleListPage /> },
  { path: 'people/new', element: <PersonFormPage /> },
  { path: 'people/:id', element: <PersonDetailPage /> },
  { path: 'people/:id/edit', element: <PersonFormPage /> },
];
