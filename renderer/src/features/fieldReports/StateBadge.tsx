import type { WorkflowState } from '@shared/workflow';
import { useTranslation } from 'react-i18next';

/** A report's review state as a badge: draft, submitted, returned, approved, accepted. */
export function StateBadge({ state }: { state: WorkflowState }) {
  const { t } = useTranslation('fieldReports');
  return (
    <span className={`badge workflow-${state}`} data-testid="fr-state" data-state={state}>
      {t(`states.${state}`)}
    </span>
  );
}
