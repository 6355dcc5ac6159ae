import type { FieldIssue } from '@shared/domain';
import { ndjsonItems } from './importer';
import { getStore } from './store';

/**
 * Changes to and from a file: the simplest transport of the one change stream (USB bundles, signed and
 * encrypted, and network sync come later and carry the same changes). A change file is NDJSON, one
 * change per line (shared/src/sync/change.ts). Applying one is idempotent: the same file twice, or files
 * in any order, give the same result.
 */
export interface ChangeFileReport {
  applied: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
  clockWarnings: { device: string; aheadMs: number }[];
  failure?: { code: 'encoding' } | { code: 'storage'; message: string };
}

const chunkSize = 1000;

/** Every change this computer holds, as the bytes of a change file. */
export async function exportChanges(): Promise<{ bytes: Uint8Array<ArrayBuffer>; count: number; device: string }> {
  const { repository } = getStore();
  const changes = await repository.changesBeyond({});
  const text = changes.map((change) => JSON.stringify(change)).join('\n');
  return { bytes: new TextEncoder().encode(text.length > 0 ? `${text}\n` : ''), count: changes.length, device: await repository.deviceId() };
}

/** Applies a change file in chunks (each atomic), reporting progress as a fraction of the file read. */
export async function applyChangesFile(file: Blob, onProgress: (fraction: number, applied: number) => void): Promise<ChangeFileReport> {
  const { repository } = getStore();
  const report: ChangeFileReport = { applied: 0, duplicates: 0, rejected: [], clockWarnings: [] };
  let bytesRead = 0;
  let chunk: { line: number; value: unknown }[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const result = await repository.applyRemote(chunk.map((item) => item.value));
    report.applied += result.applied;
    report.duplicates += result.duplicates;
    for (const rejection of result.rejected) {
      const line = chunk.find((item) => item.value === rejection.change)?.line ?? 0;
      report.rejected.push({ line, reason: rejection.reason });
    }
    for (const warning of result.clockWarnings) if (!report.clockWarnings.some((w) => w.device === warning.device)) report.clockWarnings.push(warning);
    chunk = [];
    onProgress(file.size ? bytesRead / file.size : 1, report.applied);
  };
  try {
    for await (const item of ndjsonItems(file, (bytes) => (bytesRead = bytes))) {
      if ('unreadable' in item) {
        report.rejected.push({ line: item.source, reason: (item.unreadable as FieldIssue).message });
        continue;
      }
      chunk.push({ line: item.source, value: item.value });
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();
  } catch (error) {
    report.failure = error instanceof TypeError && /encod|decod/i.test(error.message) ? { code: 'encoding' } : { code: 'storage', message: error instanceof Error ? error.message : String(error) };
  }
  return report;
}
