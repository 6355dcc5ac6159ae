import type { EntityType } from '@shared/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWriteAccess } from '../../ui/useWriteAccess';

/**
 * Shows what changes a record (Edit, Delete, Attach) only to someone the server would let change it;
 * others read why not, instead of finding out when their change comes back refused.
 */
export function WriteGuard({ entity, recordId, children, quiet = false }: { entity: EntityType; recordId: string; children: ReactNode; quiet?: boolean }) {
  const { t } = useTranslation('review');
  const access = useWriteAccess(entity, recordId);
  if (!access) return null;
  if (access.allowed) return <>{children}</>;
  if (quiet) return null;
  return (
    <p className="muted read-only-note" data-testid="read-only-note">
      {t('readOnly.outOfScope')}
    </p>
  );
}
