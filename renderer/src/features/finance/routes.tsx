import type { RouteObject } from 'react-router';
import { BudgetFormPage } from './BudgetFormPage';
import { FinancePage } from './FinancePage';
import { TransactionFormPage } from './TransactionFormPage';

/** The pages of this feature, gathered by app/App.tsx. */
export const financeRoutes: RouteObject[] = [
  { path: 'activities/:activityId/finance', element: <FinancePage /> },
  { path: 'activities/:activityId/budgets/new', element: <BudgetFormPage /> },
  { path: 'budgets/:id/edit', element: <BudgetFormPage /> },
  { path: 'activities/:activityId/transactions/new', element: <TransactionFormPage /> },
  { path: 'transactions/:id/edit', element: <TransactionFormPage /> },
];
