import { describe, expect, it } from 'vitest';
import { newRecordId } from '../domain/ids';
import { deletedField } from './change';
import { futureSkewWarningMs } from './hlc';
import { replica, send, snapshot } from './testing';

const activity = newRecordId();
const create = (title: string) => ({ kind: 'write' as const, entity: 'activity' as const, recordId: activity, fields: { title: { en: title }, status: 'pipeline' }, scope: ['LA' as const] });
const edit = (fields: Record<string, unknown>) => ({ kind: 'write' as const, entity: 'activity' as const, recordId: activity, fields: fields as never, scope: ['LA' as const] });

/** A deletes the record while B, not having seen the delete, edits it; then both exchange everything. */
async function deleteConcurrentWithEdit() {
  const a = replica('a');
  const b = replica('b');
  await a.engine.recordLocal([create('Rice lab')]);
  await send(a, b);
  await a.engine.recordLocal([{ kind: 'delete', entity: 'activity', recordId: activity, scope: ['LA'] }]);
  b.clock.now += 5;
  await b.engine.recordLocal([edit({ status: 'closed' })]);
  await send(a, b);
  await send(b, a);
  return { a, b };
}

describe('the sync engine', () => {
  it('turns local edits into gapless, stamped changes and carries them to another replica', async () => {
    const a = replica('a');
    const b = replica('b');
    const changes = await a.engine.recordLocal([create('Rice lab')]);
    expect(changes.map((c) => c.seq)).toEqual([1, 2]);
    expect(changes[0]!.stamp < changes[1]!.stamp).toBe(true);
    expect(await send(a, b)).toBe(2);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(await b.engine.vector()).toEqual({ a: 2 });
    expect(await send(a, b)).toBe(0);
  });

  it('applies a change twice as once, and in any order', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.engine.recordLocal([create('Rice lab')]);
    a.clock.now += 1000;
    await a.engine.recordLocal([edit({ status: 'implementation' })]);
    const all = await a.engine.changesBeyond({});
    const reordered = [all[2], all[0], all[2], all[1]];
    const first = await b.engine.apply([reordered[0], reordered[1]]);
    expect(await b.engine.vector()).toEqual({ a: 1 });
    const second = await b.engine.apply(reordered);
    expect(first.applied + second.applied).toBe(3);
    expect(second.duplicates).toBe(3);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(await b.engine.vector()).toEqual({ a: 3 });
  });

  it('an overwrite of a value the author saw is no conflict; concurrent edits are, with the loser kept', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.engine.recordLocal([create('Rice lab')]);
    await send(a, b);
    b.clock.now += 10;
    await b.engine.recordLocal([edit({ title: { en: 'Rice breeding lab' } })]);
    await send(b, a);
    expect(await a.engine.conflicts()).toEqual([]);

    a.clock.now += 20;
    b.clock.now += 30;
    await a.engine.recordLocal([edit({ title: { en: 'A: Mekong rice lab' } })]);
    await b.engine.recordLocal([edit({ title: { en: 'B: Lao rice lab' } })]);
    await send(a, b);
    await send(b, a);
    expect(snapshot(a)).toEqual(snapshot(b));
    const [conflict] = await a.engine.conflicts();
    expect(conflict?.heads.map((h) => h.value)).toEqual([{ en: 'B: Lao rice lab' }, { en: 'A: Mekong rice lab' }]);
    expect(snapshot(a).records[0]?.values.title).toEqual({ en: 'B: Lao rice lab' });

    // Resolving on one replica clears it on both after another exchange.
    await a.engine.resolve(conflict!, { value: { en: 'Mekong-Lao rice lab' } }, ['LA']);
    await send(a, b);
    expect(await b.engine.conflicts()).toEqual([]);
    expect(snapshot(b).records[0]?.values.title).toEqual({ en: 'Mekong-Lao rice lab' });
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('keeps a record deleted when an edit was concurrent with the delete, lists it, and can restore the edit', async () => {
    const { a, b } = await deleteConcurrentWithEdit();
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a).records[0]?.deleted).toBe(true);
    const [conflict] = await b.engine.conflicts();
    expect(conflict).toMatchObject({ kind: 'delete', field: deletedField });
    await b.engine.resolve(conflict!, { deleted: false }, ['LA']);
    await send(b, a);
    expect(snapshot(a).records[0]).toMatchObject({ deleted: false, values: { status: 'closed' } });
    expect(await a.engine.conflicts()).toEqual([]);
  });

  it('never refuses a change from a clock far in the future, warns, and stamps later edits after it', async () => {
    const a = replica('a', Date.UTC(2031, 0, 1));
    const b = replica('b');
    await a.engine.recordLocal([create('From the future')]);
    const result = await b.engine.apply(await a.engine.changesBeyond({}));
    expect(result.applied).toBe(2);
    expect(result.clockWarnings[0]?.device).toBe('a');
    expect(result.clockWarnings[0]?.aheadMs).toBeGreaterThan(futureSkewWarningMs);
    const [later] = await b.engine.recordLocal([edit({ status: 'closed' })]);
    expect(later!.stamp > (await a.engine.changesBeyond({}))[1]!.stamp).toBe(true);
    await send(b, a);
    expect(snapshot(a).records[0]?.values.status).toBe('closed');
  });

  it('reports malformed changes and applies the rest', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.engine.recordLocal([create('Rice lab')]);
    const [good] = await a.engine.changesBeyond({});
    const result = await b.engine.apply([good, { ...good, seq: -1 }, 'nonsense']);
    expect(result.applied).toBe(1);
    expect(result.rejected).toHaveLength(2);
    expect(result.rejected[0]?.reason).toContain('seq');
  });

  it('rolls back a whole apply when storing fails halfway', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.engine.recordLocal([create('Rice lab')]);
    const write = b.storage.writeRecord.bind(b.storage);
    b.storage.writeRecord = () => Promise.reject(new Error('disk full'));
    await expect(b.engine.apply(await a.engine.changesBeyond({}))).rejects.toThrow('disk full');
    b.storage.writeRecord = write;
    expect(b.storage.allChanges()).toEqual([]);
    expect(await b.engine.vector()).toEqual({});
    expect(await send(a, b)).toBe(2);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('keeps every field-level edit in the history, with the value it replaced', async () => {
    const a = replica('a');
    await a.engine.recordLocal([create('Rice lab')]);
    a.clock.now += 1;
    await a.engine.recordLocal([edit({ status: 'implementation' })]);
    const history = await a.engine.history('activity', activity);
    expect(history.map((h) => [h.field, h.value, h.previous])).toEqual([
      ['title', { en: 'Rice lab' }, undefined],
      ['status', 'pipeline', undefined],
      ['status', 'implementation', 'pipeline'],
    ]);
    expect(history[0]).toMatchObject({ author: 'user-a', device: 'a' });
  });

  it('sends only changes in the asked scope', async () => {
    const a = replica('a');
    await a.engine.recordLocal([create('Rice lab')]);
    await a.engine.recordLocal([{ ...create('Hanoi course'), recordId: newRecordId(), scope: ['VN'] }]);
    expect((await a.engine.changesBeyond({}, { scope: new Set(['VN']) })).map((c) => c.scope)).toEqual([['VN'], ['VN']]);
  });

  it('an ordinary edit of a field in conflict does not close the conflict: only a resolution does', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.engine.recordLocal([create('Rice lab')]);
    await send(a, b);
    b.clock.now += 1;
    await a.engine.recordLocal([edit({ status: 'implementation' })]);
    await b.engine.recordLocal([edit({ status: 'suspended' })]);
    await send(a, b);
    expect(await b.engine.conflicts()).toHaveLength(1);
    b.clock.now += 1;
    await b.engine.recordLocal([edit({ status: 'closed' })]);
    await send(b, a);
    const [conflict] = await a.engine.conflicts();
    expect(conflict?.heads.map((h) => h.value)).toEqual(['closed', 'implementation']);
  });

  it('"keep deleted" closes an edit-versus-delete conflict for good', async () => {
    const { a, b } = await deleteConcurrentWithEdit();
    const [conflict] = await a.engine.conflicts();
    await a.engine.resolve(conflict!, { deleted: true }, ['LA']);
    await send(a, b);
    expect(await a.engine.conflicts()).toEqual([]);
    expect(await b.engine.conflicts()).toEqual([]);
    expect(snapshot(b).records[0]?.deleted).toBe(true);
  });

  it('two devices writing the same value without seeing each other agree: no conflict', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.engine.recordLocal([create('Rice lab')]);
    await send(a, b);
    b.clock.now += 1;
    await a.engine.recordLocal([edit({ status: 'closed' })]);
    await b.engine.recordLocal([edit({ status: 'closed' })]);
    await send(a, b);
    await send(b, a);
    expect(await a.engine.conflicts()).toEqual([]);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});
