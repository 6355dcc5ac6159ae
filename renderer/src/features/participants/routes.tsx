import type { RouteObject } from 'react-router';
import { ActivityParticipantsPage } from './ActivityParticipantsPage';

/** The pages of this feature, gathered by app/App.tsx. */
export const participantRoutes: RouteObject[] = [{ path: 'activities/:id/participants', element: <ActivityParticipantsPage /> }];
