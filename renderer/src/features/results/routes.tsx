import type { RouteObject } from 'react-router';
import { IndicatorFormPage } from './IndicatorFormPage';
import { PeriodFormPage } from './PeriodFormPage';
import { ResultFormPage } from './ResultFormPage';

/** The pages of this feature, gathered by app/App.tsx. */
export const resultRoutes: RouteObject[] = [
  { path: 'activities/:activityId/results/new', element: <ResultFormPage /> },
  { path: 'results/:id/edit', element: <ResultFormPage /> },
  { path: 'results/:resultId/indicators/new', element: <IndicatorFormPage /> },
  { path: 'indicators/:id/edit', element: <IndicatorFormPage /> },
  { path: 'indicators/:indicatorId/periods/new', element: <PeriodFormPage /> },
  { path: 'periods/:id/edit', element: <PeriodFormPage /> },
];
