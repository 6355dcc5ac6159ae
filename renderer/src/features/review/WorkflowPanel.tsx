import type { EntityType } from '@shared/domain';

/** A record's review: its state, the steps so far with their comments, and the steps the signed-in person may take. */
export function WorkflowPanel(_props: { entity: EntityType; recordId: string }) {
  return null;
}
