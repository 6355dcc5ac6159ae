import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../sync/change';
import { applyImport, exportBundle, prepareImport } from './exchange';
import { testBundleReplica, type BundleReplica } from './testReplica';
import { testIssuer, type TestIssuer } from './testing';

const recordId = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;

async function write(r: BundleReplica, record: number, fields: Record<string, Change['value']>) {
  r.clock.now += 1000;
  const created = !r.storage.records().has(`activity:${recordId(record)}`);
  return r.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: recordId(record), fields: created ? { countries: ['TH'], ...fields } : fields, scope: ['TH'] }]);
}

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await testIssuer();
});

describe('exportBundle relayOnly (a desk relays what it holds from bundles before its network push)', () => {
  it("carries only other devices' kept chunks beyond the server's acknowledgement, none of the exporter's own changes", async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const server = await testBundleReplica(issuer, 'server', { server: true });
    await write(officer, 1, { title: { en: 'field visit' }, status: 'pipeline' });
    const toCoordinator = await exportBundle(officer.port, { recipient: coordinator.recipient, recipientScope: coordinator.scope });
    await applyImport(coordinator.port, await prepareImport(coordinator.port, toCoordinator.bytes, coordinator.key));
    await write(coordinator, 1, { status: 'closed' });

    const relay = await exportBundle(coordinator.port, { recipient: server.recipient, recipientScope: server.scope, relayOnly: true });
    expect(relay.summary).toMatchObject({ ownChanges: 0, relayedChunks: 1, changes: 3 });
    expect(relay.manifest.parts.filter((part) => part.kind === 'chunk').map((part) => part.device)).toEqual(['officer-a']);
    const result = await applyImport(server.port, await prepareImport(server.port, relay.bytes, server.key));
    expect(result).toMatchObject({ applied: 3 });
    expect(server.storage.allChanges().every((change) => change.device === 'officer-a')).toBe(true);

    // Once the server acknowledged them, nothing is left to relay; the same export without relayOnly has the own change.
    await coordinator.port.raiseAcks({ server: { 'officer-a': 3 } });
    expect((await exportBundle(coordinator.port, { recipient: server.recipient, recipientScope: server.scope, relayOnly: true })).summary).toMatchObject({ changes: 0, relayedChunks: 0 });
    expect((await exportBundle(coordinator.port, { recipient: server.recipient, recipientScope: server.scope })).summary).toMatchObject({ ownChanges: 1, relayedChunks: 0 });
  });
});
