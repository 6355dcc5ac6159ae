import type { RouteObject } from 'react-router';
import { ReviewQueuePage } from './ReviewQueuePage';

/** The pages of this feature, gathered by app/App.tsx. */
export const reviewRoutes: RouteObject[] = [{ path: 'review', element: <ReviewQueuePage /> }];
