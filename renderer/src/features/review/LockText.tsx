import { labelOf, userRoles } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate } from '../../ui/format';
import { userDisplayName, type LockModel } from './lockModel';

/**
 * "Approved by Nok (National coordinator) on 3 May 2025: locked. A national coordinator or the Secretariat can unlock it (Return or Unlock)."
 * "Submitted for review by Somchai (Field officer) on 2 May 2025: locked while it is reviewed. A national coordinator or the Secretariat can return it."
 */
export function LockText({ lock, users }: { lock: LockModel; users: ReadonlyMap<string, { displayName: string }> }) {
  const { t } = useTranslation('review');
  const label = useLabel();
  const language = useUiStore((state) => state.language);
  const params = { user: userDisplayName(lock.actorUserId, users), role: label(labelOf(userRoles, lock.actorRole)), date: formatDate(lock.at, language) };
  return (
    <>
      <strong>{lock.state === 'accepted' ? t('lock.accepted', params) : lock.state === 'approved' ? t('lock.approved', params) : t('lock.submitted', params)}</strong> {t(lock.unlockersKey)}
    </>
  );
}
