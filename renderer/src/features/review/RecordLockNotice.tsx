import type { EntityType } from '@shared/domain';
import { LockText } from './LockText';
import { lockModel } from './lockModel';
import { useWorkflow } from './useWorkflow';
import './review.css';

/** On a form: nothing when the record may be edited; otherwise why it is locked and who can unlock it. */
export function RecordLockNotice({ entity, recordId }: { entity: EntityType; recordId: string | undefined }) {
  const data = useWorkflow(entity, recordId ?? '');
  const lock = recordId && data.phase === 'ready' ? lockModel(data.data.status) : undefined;
  if (!lock || data.phase !== 'ready') return null;
  return (
    <p className="notice locked" role="status" data-testid="record-lock-notice" data-state={lock.state}>
      <LockText lock={lock} users={data.data.users} />
    </p>
  );
}
