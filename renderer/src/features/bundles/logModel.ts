import type { BundleLogEntry } from '@shared/bundle/port';
import { bundleErrorCodes, type BundleErrorCode, type BundleErrorParams } from '@shared/bundle/errors';

/**
 * A log entry's `detail` (free-form in storage: figures for an import, an error code for a refusal), read
 * defensively: an entry written by an older or newer desk shows what it can and never breaks the list.
 */
export type LogDetail =
  | { kind: 'import'; applied: number; known: number; quarantined: number }
  | { kind: 'upload'; applied: number; known: number; refused: number }
  | { kind: 'refused'; code: BundleErrorCode; params: BundleErrorParams }
  | { kind: 'none' };

const numberAt = (detail: Record<string, unknown>, ...keys: string[]) => {
  for (const key of keys) {
    const value = detail[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
};

export function logDetail(entry: Pick<BundleLogEntry, 'direction' | 'result' | 'detail'>): LogDetail {
  const detail: Record<string, unknown> = entry.detail ?? {};
  if (entry.result === 'refused') {
    // A refusal is logged with its code and the error's own params beside it.
    const { code, ...params } = detail;
    if (typeof code !== 'string' || !(bundleErrorCodes as readonly string[]).includes(code)) return { kind: 'none' };
    const plain = Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'));
    return { kind: 'refused', code: code as BundleErrorCode, params: plain };
  }
  const applied = numberAt(detail, 'applied');
  if (applied === undefined) return { kind: 'none' };
  if (logAction(entry) === 'upload') return { kind: 'upload', applied, known: numberAt(detail, 'alreadyKnown') ?? 0, refused: numberAt(detail, 'refused') ?? 0 };
  if (entry.direction !== 'import') return { kind: 'none' };
  return { kind: 'import', applied, known: numberAt(detail, 'alreadyKnown', 'known') ?? 0, quarantined: numberAt(detail, 'quarantined') ?? 0 };
}

/** What happened: a bundle made here, one taken in here, or one sent to the server from here (older desks logged uploads as exports with `uploaded`). */
export function logAction(entry: Pick<BundleLogEntry, 'direction' | 'detail'>): 'export' | 'import' | 'upload' {
  return entry.direction === 'export' && entry.detail?.uploaded ? 'upload' : entry.direction;
}

/** Newest first; the same bundle's export and import (a desk that imports its own file) stay apart. */
export function sortLog(entries: readonly BundleLogEntry[]): BundleLogEntry[] {
  return [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
