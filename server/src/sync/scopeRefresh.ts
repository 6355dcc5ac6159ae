import type { EntityType } from '@shared/domain/entities/entityTypes';
import type { RecordRef } from '@shared/domain/scope';
import type { Queryable } from '../db/database';
import { recordKey } from './rows';
import { scopesOf } from './scope';

/**
 * Keeps `records.scope` true after a push, and marks when it changed. A record whose countries changed
 * gets `scope_seq` = the newest server_seq, which makes pull re-deliver its whole history to whoever can
 * now see it (pull.ts). The records whose countries follow it (its activity's participations, budgets...;
 * an offer's or need's matches; documents and approvals about it) are recomputed in turn.
 *
 * Records first created by this push (`created`) get their countries without a scope_seq: nobody could
 * have missed their earlier history, there is none.
 */
export async function refreshScopes(tx: Queryable, touched: readonly RecordRef[], created: ReadonlySet<string>): Promise<number> {
  const [bound] = await tx.query<{ m: string | number }>('select coalesce(max(server_seq), 0) as m from changes');
  const newest = Number(bound?.m ?? 0);
  const visited = new Set<string>();
  let frontier = [...touched];
  let changedCount = 0;
  // Scope depends on at most two levels of other records (document → participation → activity).
  for (let round = 0; frontier.length > 0 && round < 4; round += 1) {
    frontier.forEach((ref) => visited.add(recordKey(ref.entity, ref.recordId)));
    const rows = await tx.query<{ entity: EntityType; record_id: string; data: Record<string, unknown>; scope: string[] }>(
      'select r.entity, r.record_id, r.data, r.scope from records r join unnest($1::text[], $2::text[]) as k(entity, record_id) on r.entity = k.entity and r.record_id = k.record_id',
      [frontier.map((ref) => ref.entity), frontier.map((ref) => ref.recordId)],
    );
    const scopes = await scopesOf(tx, rows.map((row) => ({ entity: row.entity, recordId: row.record_id, values: row.data })));
    const changed: RecordRef[] = [];
    for (const [i, row] of rows.entries()) {
      const scope = scopes[i]!;
      if (scope.join(',') === [...row.scope].sort().join(',')) continue;
      changed.push({ entity: row.entity, recordId: row.record_id });
      const isNew = created.has(recordKey(row.entity, row.record_id));
      await tx.query('update records set scope = $3, scope_seq = case when $4 then scope_seq else $5 end where entity = $1 and record_id = $2', [
        row.entity,
        row.record_id,
        scope,
        isNew,
        newest,
      ]);
      if (!isNew) changedCount += 1;
    }
    frontier = (await dependents(tx, changed)).filter((ref) => !visited.has(recordKey(ref.entity, ref.recordId)));
  }
  return changedCount;
}

async function dependents(tx: Queryable, changed: readonly RecordRef[]): Promise<RecordRef[]> {
  if (changed.length === 0) return [];
  const idsOf = (entity: EntityType) => changed.filter((ref) => ref.entity === entity).map((ref) => ref.recordId);
  const rows = await tx.query<{ entity: EntityType; record_id: string }>(
    `select entity, record_id from records
     where data->>'activityId' = any($1::text[]) or data->>'offerId' = any($2::text[]) or data->>'needId' = any($3::text[])
        or data->'attachedTo'->>'recordId' = any($4::text[]) or data->'target'->>'recordId' = any($4::text[])`,
    [idsOf('activity'), idsOf('technologyOffer'), idsOf('technologyNeed'), changed.map((ref) => ref.recordId)],
  );
  return rows.map((row) => ({ entity: row.entity, recordId: row.record_id }));
}
