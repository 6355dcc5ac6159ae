import type { BundleImportResponse } from '@shared/api/contract';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const maxListed = 50;

/** An import's answer for people at a terminal: the totals, then each refusal and each wait. */
export function importSummaryLines(answer: BundleImportResponse): string[] {
  const lines = [
    `bundle ${answer.bundleId}: ${answer.result}`,
    `  ${plural(answer.applied, 'change')} applied, ${answer.duplicates} already held, ${answer.refused.length} refused, ${answer.waiting.reduce((sum, w) => sum + w.count, 0)} waiting; ${plural(answer.attachmentsStored, 'new attachment')}`,
  ];
  for (const refusal of answer.refused.slice(0, maxListed)) {
    lines.push(`  refused ${refusal.device} #${refusal.seq} ${refusal.entity} ${refusal.recordId} ${refusal.field}: ${refusal.reason}${refusal.detail ? ` (${refusal.detail})` : ''}`);
  }
  if (answer.refused.length > maxListed) lines.push(`  ... and ${answer.refused.length - maxListed} more refused (all are kept in refused_changes)`);
  for (const wait of answer.waiting) {
    const why = wait.reason === 'unknown-record' ? `a record they belong to has not reached the server yet${wait.detail ? ` (${wait.detail})` : ''}` : 'earlier changes of this device have not reached the server yet';
    lines.push(`  waiting ${wait.device} #${wait.fromSeq}-${wait.toSeq} (${plural(wait.count, 'change')}): ${why}`);
  }
  return lines;
}
