import type { Change } from '@shared/sync/change';

/** A `changes` row as both drivers return it (bigint as string or number). */
export interface ChangeRow {
  device: string;
  seq: string | number;
  stamp: string;
  author: string;
  entity: Change['entity'];
  record_id: string;
  field: string;
  value: Change['value'];
  seen: string[];
  scope: string[];
}

export const changeColumns = 'c.device, c.seq, c.stamp, c.author, c.entity, c.record_id, c.field, c.value, c.seen, c.scope';

export const changeOf = (row: ChangeRow): Change => ({
  device: row.device,
  seq: Number(row.seq),
  stamp: row.stamp,
  author: row.author,
  entity: row.entity,
  recordId: row.record_id,
  field: row.field,
  value: row.value ?? null,
  seen: row.seen,
  scope: row.scope as Change['scope'],
});

export const recordKey = (entity: string, recordId: string) => `${entity}:${recordId}`;
