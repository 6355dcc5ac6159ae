import type { EntityType } from '@shared/domain';

/** On a form: nothing when the record may be edited; otherwise why it is locked and who can unlock it. */
export function RecordLockNotice(_props: { entity: EntityType; recordId: string | undefined }) {
  return null;
}
