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

// Both branches walk an index from the cursor and stop after one page: the cost of a pull is the page
// (and the invisible rows skipped on the way), never the length of the stream behind or ahead of it.
// Ordinary rows: the changes' primary key from the cursor, each joined to its record's current countries.
const ordinarySql = `
  select c.server_seq as pos, c.server_seq as sseq, c.device, c.seq, c.stamp, c.author, c.entity, c.record_id, c.field, c.value, c.seen, c.scope, r.scope as record_scope
  from changes c join records r on r.entity = c.entity and r.record_id = c.record_id
  where c.server_seq > $1 and c.server_seq <= $2 and c.device <> $3 and ($4::boolean or r.scope && $5::text[])
  order by c.server_seq
  limit $6`;
// Replays: records whose countries changed after the cursor (the scope_seq index; few), each with its
// changes from before the cursor (those after it come as ordinary rows).
const replaySql = `
  select r.scope_seq as pos, c.server_seq as sseq, c.device, c.seq, c.stamp, c.author, c.entity, c.record_id, c.field, c.value, c.seen, c.scope, r.scope as record_scope
  from records r join changes c on c.entity = r.entity and c.record_id = r.record_id
  where r.scope_seq >= $1 and r.scope_seq > 0 and r.scope_seq <= $3 and c.server_seq < r.scope_seq and c.server_seq <= $1
    and (r.scope_seq, c.server_seq) > ($1::bigint, $2::bigint) and c.device <> $4 and ($5::boolean or r.scope && $6::text[])
  order by r.scope_seq, c.server_seq
  limit $7`;

type StreamRow = ChangeRow & { pos: string | number; sseq: string | number; record_scope: string[] };
const positionOf = (row: StreamRow): Position => [big(row.pos), big(row.sseq)];

export async function pull(db: Database, puller: Puller, request: { cursor?: string; limit?: number }): Promise<PullResponse> {
  const limit = request.limit ?? defaultPullLimit;
  const from = parseCursor(request.cursor);
  // One snapshot for the rows and the bound: a push committing meanwhile is for the next pull.
  return db.transaction(
    async (tx) => {
      const [bound] = await tx.query<{ m: string | number }>('select coalesce(max(server_seq), 0) as m from changes');
      const newest = big(bound?.m);
      const scoped = [puller.deviceId, isGlobalRole(puller.principal.role), [...puller.principal.countries], limit + 1];
      // An ordinary row sits at (server_seq, server_seq): past the cursor (p, s) when server_seq > p, or
      // when server_seq = p > s (a cursor left inside a replay group at the same position).
      const ordinaryFrom = from[0] > from[1] ? from[0] - 1n : from[0];
      const [ordinary, replays] = [
        await tx.query<StreamRow>(ordinarySql, [ordinaryFrom.toString(), newest.toString(), ...scoped]),
        await tx.query<StreamRow>(replaySql, [from[0].toString(), from[1].toString(), newest.toString(), ...scoped]),
      ];
      const rows = [...ordinary, ...replays]
        .filter((row) => after(positionOf(row), from))
        .sort((a, b) => (after(positionOf(a), positionOf(b)) ? 1 : after(positionOf(b), positionOf(a)) ? -1 : 0))
        .slice(0, limit + 1);
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      let cursor: Position = last ? positionOf(last) : from;
      // Nothing visible lies between here and the newest change, so later pulls need not rescan it.
      if (!more && after([newest, newest], cursor)) cursor = [newest, newest];
      const [progress] = await tx.query<{ processed_seq: string | number }>('select processed_seq from device_progress where device = $1', [puller.deviceId]);
      return {
        changes: page.filter((row) => canSee(puller.principal, row.record_scope)).map(changeOf),
        cursor: `${cursor[0]}.${cursor[1]}`,
        more,
        received: Number(progress?.processed_seq ?? 0),
        // An estimate for progress bars, at no cost: the stream positions left (an upper bound, as some are
        // not this device's to see). An exact count would cost as much as reading the rest of the stream.
        remaining: more ? Math.max(1, Number(newest - cursor[0])) : 0,
      };
    },
    { isolation: 'repeatable read' },
  );
}
