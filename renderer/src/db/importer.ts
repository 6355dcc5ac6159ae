import type { FieldIssue } from '@shared/domain';
import { createLineSplitter } from '@shared/records/ndjson';
import type { ImportItem } from './repository';
import { getStore } from './store';

export interface ImportProgress {
  /** How far through the input, 0..1, when its size is known. */
  fraction: number | undefined;
  processed: number;
  stored: number;
  unchanged: number;
  keptNewer: number;
  rejected: number;
}

export interface ImportReport extends ImportProgress {
  /** The first rejected lines with their reasons (all are counted in `rejected`). */
  errors: { line: number; issues: FieldIssue[] }[];
  cancelled: boolean;
  /** Why the import stopped early, if it did; everything counted above was stored. */
  failure?: ImportFailure;
}

/** Why an import could not go on, as a key the Data page translates (`failure.<code>`). */
export type ImportFailure = { code: 'encoding' } | { code: 'storage'; message: string };

// Small enough that the progress bar moves every fraction of a second, large enough that transaction
// overhead stays negligible.
const batchSize = 500;

/** A line that could not even be read as JSON: rejected here, with its own reason. */
interface UnreadableItem {
  source: number;
  unreadable: FieldIssue;
}
export type Item = ImportItem | UnreadableItem;
const maxReportedErrors = 500;

function emptyReport(): ImportReport {
  return { fraction: 0, processed: 0, stored: 0, unchanged: 0, keptNewer: 0, rejected: 0, errors: [], cancelled: false };
}

/**
 * Feeds items to the write path in batches. Each batch commits on its own, so an interrupted import
 * keeps every whole batch it finished and nothing half-written; running it again stores only what is
 * missing (records are upserted by id).
 */
async function runBatches(
  items: AsyncIterable<Item> | Iterable<Item>,
  fractionDone: () => number | undefined,
  onProgress: (progress: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const report = emptyReport();
  const { repository } = getStore();
  let batch: ImportItem[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await repository.importBatch(batch);
    report.processed += batch.length;
    report.stored += result.stored;
    report.unchanged += result.unchanged;
    report.keptNewer += result.keptNewer;
    report.rejected += result.rejected.length;
    for (const rejection of result.rejected) {
      if (report.errors.length < maxReportedErrors) report.errors.push({ line: rejection.source, issues: rejection.issues });
    }
    batch = [];
    report.fraction = fractionDone();
    onProgress({ ...report });
  };
  try {
    for await (const item of items) {
      if (signal?.aborted) {
        report.cancelled = true;
        return report;
      }
      if ('unreadable' in item) {
        report.processed += 1;
        report.rejected += 1;
        if (report.errors.length < maxReportedErrors) report.errors.push({ line: item.source, issues: [item.unreadable] });
        continue;
      }
      batch.push(item);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (error) {
    // Whole batches already stored stay stored; the report says how far it got and why it stopped.
    report.failure = error instanceof TypeError && /encod|decod/i.test(error.message) ? { code: 'encoding' } : { code: 'storage', message: error instanceof Error ? error.message : String(error) };
    return report;
  }
  report.fraction = 1;
  return report;
}

/**
 * Reads an NDJSON file as a stream, so file size is no limit: each non-blank line as a parsed value
 * with its line number, or as unreadable (not JSON). Decoding is strict: a file in another encoding
 * (GBK, TIS-620) stops the read with a TypeError instead of turning into garbled text.
 */
export async function* ndjsonItems(file: Blob, onBytes: (bytesRead: number) => void): AsyncGenerator<Item> {
  const splitter = createLineSplitter();
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lineNumber = 0;
  let bytesRead = 0;
  const parsed = function* (lines: string[]): Generator<Item> {
    for (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      try {
        yield { source: lineNumber, value: JSON.parse(line) as unknown };
      } catch {
        yield { source: lineNumber, unreadable: { path: '', message: 'v.json' } };
      }
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytesRead += value.byteLength;
    onBytes(bytesRead);
    yield* parsed(splitter.push(decoder.decode(value, { stream: true })));
  }
  yield* parsed(splitter.push(decoder.decode()));
  yield* parsed(splitter.flush());
}

/** Imports an NDJSON file of records (docs/record-format.md), streaming it so file size is no limit. */
export async function importNdjsonFile(file: Blob, onProgress: (progress: ImportProgress) => void, signal?: AbortSignal): Promise<ImportReport> {
  let bytesRead = 0;
  return runBatches(ndjsonItems(file, (bytes) => (bytesRead = bytes)), () => (file.size ? bytesRead / file.size : undefined), onProgress, signal);
}

/** Generates demo records in the page and stores them through the same path as an import. */
export async function loadDemoRecords(count: number, onProgress: (progress: ImportProgress) => void, signal?: AbortSignal): Promise<ImportReport> {
  const { generateDemoRecords } = await import('@shared/demo/generate');
  let produced = 0;
  function* items(): Generator<ImportItem> {
    for (const record of generateDemoRecords({ records: count, seed: Date.now() % 100000 })) {
      produced += 1;
      yield { source: produced, value: record };
    }
  }
  return runBatches(items(), () => produced / count, onProgress, signal);
}
