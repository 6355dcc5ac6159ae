import type { RouteObject } from 'react-router';

/** The pages of this feature, gathered by app/App.tsx. */
export const participantRoutes: RouteObject[] = [];
