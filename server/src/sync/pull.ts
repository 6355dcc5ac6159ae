import { canSee, isGlobalRole, type Principal } from '@shared/access/rules';
import { defaultPullLimit, type PullResponse } from '@shared/api/contract';
import type { Database } from '../db/database';
import { changeOf, type ChangeRow } from './rows';

/**
 * What a device receives: every change of a record its person may see now (by the record's current
 * countries), except the device's own, in a stream position order that a cursor can resume.
 *
 * Positions: an ordinary change sits at (server_seq, server_seq). A record whose countries changed at
 * `scope_seq` also replays its earlier changes at (scope_seq, server_seq), so someone who gains sight of
 * an old record (an activity of Viet Nam that adds Thailand) receives its whole history, not only what
 * came after. Replays of changes the device may already hold are harmless: applying is idempotent. The
 * cursor is "pos.seq"; results come ordered by (pos, seq) and resume strictly after it. This relies on
 * server_seq being in commit order (the push's global lock) and on scope_seq always being a newer
 * server_seq than any cursor handed out before it was set.
 *
 * The SQL filter mirrors canSee (global roles see everything, others records sharing a country) so
 * the database can use its indexes; every row is checked again with canSee itself.
 */
export interface Puller {
  deviceId: string;
  principal: Principal;
}

// BigInt, not number: a cursor is up to 18 digits each side, beyond a double's exact integers.
type Position = [bigint, bigint];
const parseCursor = (cursor: string | undefined): Position => {
  if (!cursor) return [0n, 0n];
  const [pos, seq] = cursor.split('.').map((part) => BigInt(part)) as Position;
  return [pos, seq];
};
const after = (a: Position, b: Position) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
const big = (value: string | number | bigint | undefined) => BigInt(value ?? 0);

const streamSql = `
  visible as (
    select r.entity, r.record_id, r.scope, r.scope_seq from records r where $3::boolean or r.scope && $4::text[]
  ),
  stream as (
    select c.server_seq as pos, c.server_seq as sseq, c.device, c.seq, c.stamp, c.author, c.entity, c.record_id, c.field, c.value, c.seen, c.scope, v.scope as record_scope
    from changes c join visible v on v.entity = c.entity and v.record_id = c.record_id
    where c.server_seq <= $6 and (c.server_seq, c.server_seq) > ($1::bigint, $2::bigint) and c.device <> $5
    union all
    select v.scope_seq, c.server_seq, c.device, c.seq, c.stamp, c.author, c.entity, c.record_id, c.field, c.value, c.seen, c.scope, v.scope
    from visible v join changes c on c.entity = v.entity and c.record_id = v.record_id
    where v.scope_seq >= $1 and v.scope_seq <= $6 and c.server_seq < v.scope_seq and c.server_seq <= $1
      and (v.scope_seq, c.server_seq) > ($1::bigint, $2::bigint) and c.device <> $5
  )`;

export async function pull(db: Database, puller: Puller, request: { cursor?: string; limit?: number }): Promise<PullResponse> {
  const limit = request.limit ?? defaultPullLimit;
  const from = parseCursor(request.cursor);
  // One snapshot for the rows, the count and the bound: a push committing meanwhile is for the next pull.
  return db.transaction(
    async (tx) => {
      const [bound] = await tx.query<{ m: string | number }>('select coalesce(max(server_seq), 0) as m from changes');
      const newest = big(bound?.m);
      const params = [from[0].toString(), from[1].toString(), isGlobalRole(puller.principal.role), [...puller.principal.countries], puller.deviceId, newest.toString()];
      const rows = await tx.query<ChangeRow & { pos: string | number; sseq: string | number; record_scope: string[] }>(
        `with ${streamSql} select * from stream order by pos, sseq limit $7`,
        [...params, limit + 1],
      );
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      let cursor: Position = last ? [big(last.pos), big(last.sseq)] : from;
      // Nothing visible lies between here and the newest change, so later pulls need not rescan it.
      if (!more && after([newest, newest], cursor)) cursor = [newest, newest];
      const [count] = await tx.query<{ n: string | number }>(
        `with ${streamSql} select count(*) as n from stream where (pos, sseq) > ($7::bigint, $8::bigint)`,
        [...params, cursor[0].toString(), cursor[1].toString()],
      );
      const [progress] = await tx.query<{ processed_seq: string | number }>('select processed_seq from device_progress where device = $1', [puller.deviceId]);
      return {
        changes: page.filter((row) => canSee(puller.principal, row.record_scope)).map(changeOf),
        cursor: `${cursor[0]}.${cursor[1]}`,
        more,
        received: Number(progress?.processed_seq ?? 0),
        remaining: Number(count?.n ?? 0),
      };
    },
    { isolation: 'repeatable read' },
  );
}
