import { Navigate, type RouteObject } from 'react-router';
import { MatchFormPage } from './MatchFormPage';
import { NeedFormPage, OfferFormPage } from './PostingFormPages';
import { MatchDetailPage, NeedDetailPage, OfferDetailPage } from './TechnologyDetailPages';
import { MatchesListPage, NeedsListPage, OffersListPage } from './TechnologyListPages';

/** The pages of this feature, gathered by app/App.tsx. Offers, needs and matches each have their own list address. */
export const technologyRoutes: RouteObject[] = [
  { path: 'technology', element: <Navigate to="/technology/offers" replace /> },
  { path: 'technology/offers', element: <OffersListPage /> },
  { path: 'technology/offers/new', element: <OfferFormPage /> },
  { path: 'technology/offers/:id', element: <OfferDetailPage /> },
  { path: 'technology/offers/:id/edit', element: <OfferFormPage /> },
  { path: 'technology/needs', element: <NeedsListPage /> },
  { path: 'technology/needs/new', element: <NeedFormPage /> },
  { path: 'technology/needs/:id', element: <NeedDetailPage /> },
  { path: 'technology/needs/:id/edit', element: <NeedFormPage /> },
  { path: 'technology/matches', element: <MatchesListPage /> },
  { path: 'technology/matches/new', element: <MatchFormPage /> },
  { path: 'technology/matches/:id', element: <MatchDetailPage /> },
  { path: 'technology/matches/:id/edit', element: <MatchFormPage /> },
];
