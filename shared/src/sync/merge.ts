import { canonicalJson } from '../records/canonical';
import { deletedField, type Change } from './change';
import { stampTime, type Stamp } from './hlc';

/**
 * The merge, as pure functions of the set of changes a replica holds: the same set gives the same record
 * and the same conflicts on every replica, whatever order the changes arrived in.
 *
 * For one field, the heads are the changes no other change has seen. The winner is the head with the
 * greatest stamp (last writer wins; the device id inside the stamp breaks ties). Heads with different
 * values are a conflict: two authors edited without seeing each other's value (two who wrote the same
 * value agree). The losers stay heads, kept and listed, until someone resolves the conflict with a change
 * that has seen them all.
 *
 * Deletes are changes to the `_deleted` field. A delete records every field value its author saw; a head
 * of another field that the winning delete did not see is an edit concurrent with the delete. Rule: the
 * record stays deleted (deletes win, so a record never half-reappears), the conflict is listed, and the
 * edited values are kept: "restore" brings the record back with them.
 */
export interface FieldState {
  field: string;
  winner: Change;
  /** All heads, winner first, then by stamp descending. */
  heads: Change[];
}

export interface ConflictHead {
  stamp: Stamp;
  value: Change['value'];
  author: string;
  device: string;
  field: string;
}

export interface Conflict {
  entity: Change['entity'];
  recordId: string;
  /** The field in conflict, or `_deleted` for an edit concurrent with a delete. */
  field: string;
  kind: 'field' | 'delete';
  /** The kept value first (the winner), then the others. */
  heads: ConflictHead[];
}

export interface MaterializedRecord {
  entity: Change['entity'];
  recordId: string;
  deleted: boolean;
  /** Field values by name (null-valued fields are absent), plus updatedAt from the latest winner. */
  values: Record<string, unknown>;
  updatedAt: string;
  /** The stamp of each field's current value: what a local edit of that field has seen. */
  stamps: Record<string, Stamp[]>;
  scope: string[];
  conflicts: Conflict[];
}

const byStampDescending = (a: Change, b: Change) => (a.stamp < b.stamp ? 1 : a.stamp > b.stamp ? -1 : 0);

export function fieldState(changes: readonly Change[]): FieldState {
  if (changes.length === 0) throw new Error('a field state needs at least one change');
  const seen = new Set<string>();
  for (const change of changes) for (const stamp of change.seen) seen.add(stamp);
  const heads = changes.filter((change) => !seen.has(change.stamp)).sort(byStampDescending);
  // The greatest stamp is never seen by another change (stamps grow along causality), so heads is not empty.
  const winner = heads[0] ?? [...changes].sort(byStampDescending)[0];
  return { field: winner!.field, winner: winner!, heads: heads.length > 0 ? heads : [winner!] };
}

/** Two authors who wrote the same value without seeing each other agree: that is no conflict. */
function differentValues(heads: readonly Change[]): boolean {
  return new Set(heads.map((head) => canonicalJson(head.value))).size > 1;
}

const headOf = (change: Change): ConflictHead => ({ stamp: change.stamp, value: change.value, author: change.author, device: change.device, field: change.field });

/** Everything a replica knows of one record, from all of that record's changes. */
export function materialize(changes: readonly Change[]): MaterializedRecord {
  const first = changes[0];
  if (!first) throw new Error('a record needs at least one change');
  const byField = new Map<string, Change[]>();
  for (const change of changes) {
    const list = byField.get(change.field) ?? [];
    list.push(change);
    byField.set(change.field, list);
  }
  const values: Record<string, unknown> = {};
  const stamps: Record<string, Stamp[]> = {};
  const conflicts: Conflict[] = [];
  let latest = '';
  let latestScope: string[] = first.scope;
  let deleteState: FieldState | undefined;
  const states: FieldState[] = [];
  for (const [field, fieldChanges] of [...byField].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const state = fieldState(fieldChanges);
    states.push(state);
    if (state.winner.stamp > latest) {
      latest = state.winner.stamp;
      latestScope = state.winner.scope;
    }
    stamps[field] = state.heads.map((head) => head.stamp);
    if (field === deletedField) {
      deleteState = state;
    } else if (state.winner.value !== null) {
      values[field] = state.winner.value;
    }
    if (differentValues(state.heads)) conflicts.push({ entity: first.entity, recordId: first.recordId, field, kind: 'field', heads: state.heads.map(headOf) });
  }
  const deleted = deleteState?.winner.value === true;
  if (deleted && deleteState) {
    const sawByDelete = new Set(deleteState.winner.seen);
    const unseenEdits = states.filter((state) => state.field !== deletedField).flatMap((state) => state.heads.filter((head) => !sawByDelete.has(head.stamp)));
    if (unseenEdits.length > 0) {
      conflicts.push({ entity: first.entity, recordId: first.recordId, field: deletedField, kind: 'delete', heads: [deleteState.winner, ...unseenEdits.sort(byStampDescending)].map(headOf) });
    }
  }
  return { entity: first.entity, recordId: first.recordId, deleted, values, updatedAt: stampTime(latest), stamps, scope: latestScope, conflicts };
}
