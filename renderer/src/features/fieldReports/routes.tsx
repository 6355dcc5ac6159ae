import type { RouteObject } from 'react-router';
import { FieldReportDetailPage } from './FieldReportDetailPage';
import { FieldReportFormPage } from './FieldReportFormPage';
import { FieldReportsListPage } from './FieldReportsListPage';

/** The pages of this feature, gathered by app/App.tsx. */
export const fieldReportRoutes: RouteObject[] = [
  { path: 'field-reports', element: <FieldReportsListPage /> },
  { path: 'field-reports/new', element: <FieldReportFormPage /> },
  { path: 'field-reports/:id', element: <FieldReportDetailPage /> },
  { path: 'field-reports/:id/edit', element: <FieldReportFormPage /> },
];
