import type { Activity } from '@shared/domain';

/** A section of the activity detail page (placeholder until the feature fills it in). */
export function ResultsSection(_props: { activity: Activity }) {
  return null;
}
