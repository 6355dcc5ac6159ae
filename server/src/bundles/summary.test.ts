import type { BundleImportResponse } from '@shared/api/contract';
import { describe, expect, it } from 'vitest';
import { importSummaryLines } from './summary';

const answer = (waiting: BundleImportResponse['waiting']): BundleImportResponse => ({
  bundleId: '0194a3b0-0000-7000-8000-000000000001',
  result: 'partial',
  applied: 3,
  duplicates: 0,
  refused: [],
  waiting,
  attachmentsStored: 0,
  ack: {},
  serverAck: { body: { version: 1, issuer: 'A'.repeat(43), issuedAt: '2026-11-24T00:00:00.000Z', vector: {} }, signature: 'A'.repeat(86) },
});

describe('the import summary at a terminal', () => {
  it('says why each run of changes waits: a gap in the seqs, or a record that has not arrived', () => {
    const lines = importSummaryLines(
      answer([
        { device: 'officer-a', count: 2, fromSeq: 5, toSeq: 6, reason: 'gap' },
        { device: 'officer-b', count: 1, fromSeq: 3, toSeq: 3, reason: 'unknown-record', detail: 'activity 0194a3b0-aaaa' },
      ]),
    );
    expect(lines[1]).toContain('3 waiting');
    expect(lines).toContain('  waiting officer-a #5-6 (2 changes): earlier changes of this device have not reached the server yet');
    expect(lines).toContain('  waiting officer-b #3-3 (1 change): a record they belong to has not reached the server yet (activity 0194a3b0-aaaa)');
  });
});
