import { ApiFailure } from '@shared/api/client';
import { BridgeError } from '@shared/bridge/contract';
import { BundleError } from '@shared/bundle/errors';
import type { BundleManifest } from '@shared/bundle/format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterpartReach, reachOf } from './acksModel';
import { shortParams, toBundleFailure } from './bundleFailure';
import { bundleFacts, importRoute } from './importModel';
import { logAction, logDetail, sortLog } from './logModel';
import { driveProblem } from './saveModel';

describe('acknowledgements', () => {
  it('counts this device\'s changes a party holds, never more than were made', () => {
    expect(reachOf({ me: 7, other: 99 }, 'me', 10)).toEqual({ reached: 7, total: 10 });
    expect(reachOf(undefined, 'me', 10)).toEqual({ reached: 0, total: 10 });
    // A vector from before this desk's data was reset may be ahead of it.
    expect(reachOf({ me: 12 }, 'me', 10)).toEqual({ reached: 10, total: 10 });
  });

  it('is complete exactly when the party holds every change made here', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (held, made) => {
        const { reached, total } = reachOf({ me: held }, 'me', made);
        expect(reached >= total).toBe(held >= made);
      }),
    );
  });

  it('lists the other parties, furthest behind first, without the server or this device', () => {
    const rows = counterpartReach({ server: { me: 1 }, me: { me: 10 }, b: { me: 9 }, a: { me: 2 }, c: {} }, 'me', 10);
    expect(rows).toEqual([
      { party: 'c', reached: 0, total: 10 },
      { party: 'a', reached: 2, total: 10 },
      { party: 'b', reached: 9, total: 10 },
    ]);
  });
});

describe('failures', () => {
  it('keeps a bundle refusal\'s code and its plain params', () => {
    expect(toBundleFailure(new BundleError('part-hash', { part: 'parts/000002.bin' }))).toEqual({ kind: 'bundle', code: 'part-hash', params: { part: 'parts/000002.bin' } });
    const odd = new BundleError('chunk-invalid', { part: 'p', nested: { a: 1 } as never, count: Number.NaN });
    expect(toBundleFailure(odd)).toEqual({ kind: 'bundle', code: 'chunk-invalid', params: { part: 'p' } });
  });

  it('reads the bundle code in the server\'s refusal of an upload, and otherwise its API code', () => {
    const refused = new ApiFailure('bundle-refused', 422, 'x', { bundleCode: 'revoked-device', params: { device: 'dev-1' }, message: 'x' });
    expect(toBundleFailure(refused)).toEqual({ kind: 'bundle', code: 'revoked-device', params: { device: 'dev-1' } });
    expect(toBundleFailure(new ApiFailure('bundle-refused', 422, 'x', { bundleCode: 'not-a-code' }))).toEqual({ kind: 'api', code: 'bundle-refused' });
    expect(toBundleFailure(new ApiFailure('network', 0, 'x'))).toEqual({ kind: 'api', code: 'network' });
  });

  it('tells the host\'s failures and this computer\'s apart', () => {
    expect(toBundleFailure(new BridgeError('no-space', 'full'))).toEqual({ kind: 'bridge', code: 'no-space' });
    expect(toBundleFailure(new Error('QuotaExceededError'))).toEqual({ kind: 'local', message: 'QuotaExceededError' });
    expect(toBundleFailure('boom')).toEqual({ kind: 'local', message: 'boom' });
  });

  it('names devices when it can and shortens their ids when it cannot', () => {
    const names = (id: string) => (id === 'dev-known' ? 'Malee' : undefined);
    expect(shortParams({ device: 'dev-known', part: 'parts/000001.bin' }, names)).toEqual({ device: 'Malee', part: 'parts/000001.bin' });
    expect(shortParams({ device: '0194a3b0-0000-7000-8000-0000000000d1' }, names)).toEqual({ device: '…000000d1' });
    expect(shortParams({ addressedTo: 'dev' }, names)).toEqual({ addressedTo: 'dev' });
  });
});

describe('import routes and facts', () => {
  const manifest = (recipient: BundleManifest['recipient']): BundleManifest =>
    ({
      bundleId: 'b1',
      createdAt: '2025-06-30T12:00:00.000Z',
      exporter: { deviceId: 'dev-a', publicKey: 'k' },
      recipient,
      scope: { global: false, countries: ['TH'] },
      counts: { changes: 12, chunks: 1, attachments: 2, certificates: 2 },
    }) as BundleManifest;

  it('opens a bundle for this device at once, asks for a passphrase, sends a server bundle on, and leaves others\' alone', () => {
    expect(importRoute({ kind: 'device', deviceId: 'me', encryptionKey: 'k' }, 'me')).toBe('open');
    expect(importRoute({ kind: 'device', deviceId: 'someone', encryptionKey: 'k' }, 'me')).toBe('elsewhere');
    expect(importRoute({ kind: 'passphrase' }, 'me')).toBe('passphrase');
    expect(importRoute({ kind: 'server', encryptionKey: 'k' }, 'me')).toBe('upload');
  });

  it('names the exporter and the recipient when their certificates are known here', () => {
    const malee = { deviceId: 'dev-a', userId: 'u', displayName: 'Malee', username: 'malee', role: 'field-officer' as const, countries: ['TH'], issuedAt: '' };
    const facts = bundleFacts(manifest({ kind: 'device', deviceId: 'dev-x', encryptionKey: 'k' }), [malee]);
    expect(facts.exporter).toEqual({ deviceId: 'dev-a', device: malee });
    expect(facts.recipient).toEqual({ kind: 'device', deviceId: 'dev-x', device: undefined });
    expect([facts.changes, facts.attachments, facts.countries]).toEqual([12, 2, { global: false, codes: ['TH'] }]);
  });
});

describe('the log', () => {
  it('reads an import\'s figures and a refusal\'s code, and ignores what it does not understand', () => {
    expect(logDetail({ direction: 'import', result: 'partial', detail: { applied: 3, known: 2, quarantined: 1 } })).toEqual({ kind: 'import', applied: 3, known: 2, quarantined: 1 });
    expect(logDetail({ direction: 'import', result: 'ok', detail: { applied: 3, alreadyKnown: 4 } })).toEqual({ kind: 'import', applied: 3, known: 4, quarantined: 0 });
    expect(logDetail({ direction: 'import', result: 'refused', detail: { code: 'wrong-passphrase' } })).toEqual({ kind: 'refused', code: 'wrong-passphrase', params: {} });
    expect(logDetail({ direction: 'import', result: 'refused', detail: { code: 'part-hash', part: 'parts/000002.bin' } })).toEqual({ kind: 'refused', code: 'part-hash', params: { part: 'parts/000002.bin' } });
    expect(logDetail({ direction: 'import', result: 'refused', detail: { code: 'made-up' } })).toEqual({ kind: 'none' });
    expect(logDetail({ direction: 'export', result: 'ok', detail: { own: 3 } })).toEqual({ kind: 'none' });
    expect(logDetail({ direction: 'export', result: 'ok', detail: { uploaded: 1, applied: 3, alreadyKnown: 1, refused: 2 } })).toEqual({ kind: 'upload', applied: 3, known: 1, refused: 2 });
    expect(logAction({ direction: 'export', detail: { uploaded: 1 } })).toBe('upload');
    expect(logAction({ direction: 'export', detail: { own: 1 } })).toBe('export');
    expect(logDetail({ direction: 'import', result: 'ok', detail: { applied: 'many' } })).toEqual({ kind: 'none' });
  });

  it('puts the newest first', () => {
    const entry = (at: string) => ({ bundleId: at, direction: 'import' as const, at, by: 'u', counterpart: 'server', changes: 0, chunks: 0, result: 'ok' as const });
    expect(sortLog([entry('2025-01-02'), entry('2025-03-01'), entry('2025-02-01')]).map((e) => e.at)).toEqual(['2025-03-01', '2025-02-01', '2025-01-02']);
  });
});

describe('drives', () => {
  const drive = { id: `drive-${'0'.repeat(32)}`, label: 'KINGSTON (E:)', writable: true };
  it('says before writing that a locked or full stick cannot take the bundle', () => {
    expect(driveProblem({ ...drive, writable: false, freeBytes: 1e9 }, 1000)).toBe('not-writable');
    expect(driveProblem({ ...drive, freeBytes: 1000 }, 1000)).toBe('no-space');
    expect(driveProblem({ ...drive, freeBytes: 1e9 }, 1000)).toBeUndefined();
    expect(driveProblem(drive, 1000)).toBeUndefined();
  });
});
