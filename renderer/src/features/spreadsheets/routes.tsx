import type { RouteObject } from 'react-router';
import { SpreadsheetsPage } from './SpreadsheetsPage';

/** The pages of this feature, gathered by app/App.tsx. */
export const spreadsheetRoutes: RouteObject[] = [{ path: 'spreadsheets', element: <SpreadsheetsPage /> }];
