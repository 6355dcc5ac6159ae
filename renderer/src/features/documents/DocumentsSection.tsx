import type { RecordRef } from '@shared/domain';

/** The files attached to a record: list, attach (size-limited, content-addressed), open, caption, remove. */
export function DocumentsSection(_props: { target: RecordRef }) {
  return null;
}
