/**
 * What the workspace benchmark (workspace.ts) asks of the data, taken from the data file itself in one
 * pass, before any timing: people-search queries that find someone (native script and romanized), the
 * training course with the most records hanging off it (the activity detail page), and the ASEAN country
 * whose coordinator has the most records waiting for review.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AnyRecord, Approval } from '@shared/domain';
import { workflowOf } from '@shared/workflow';

/** The kinds of record the activity detail page shows a section of (the page waits for each). */
export const detailKinds = ['participatingOrganization', 'participation', 'budget', 'transaction', 'result', 'indicatorPeriod', 'fieldReport', 'document', 'approval'] as const;

export interface WorkspaceSample {
  /** Records by kind in the file. */
  counts: Record<string, number>;
  /** Search queries as people type them: a name in its own script (Chinese, Thai, Lao, Khmer, Burmese), and a romanized name or part of it. */
  queries: { native: string[]; romanized: string[] };
  /** The activity whose detail page is measured (a training course if there is one), and what hangs off it by kind. */
  activity: { id: string; kind: string; related: Record<string, number> } | undefined;
  /** The country whose national coordinator is faked for the review queue, and how many of its records wait ("submitted"). */
  coordinator: { country: string; waiting: number } | undefined;
}

const nonLatin = /[\p{Script=Han}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** A small deterministic generator (the same as queries.ts): the same file gives the same queries. */
function randomOf(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function activityOf(record: AnyRecord): string | undefined {
  if ('activityId' in record && typeof record.activityId === 'string') return record.activityId;
  if (record.entity === 'approval' && record.target.entity === 'activity') return record.target.recordId;
  if (record.entity === 'document' && record.attachedTo?.entity === 'activity') return record.attachedTo.recordId;
  return undefined;
}

/**
 * Reads `file` (NDJSON, one record a line) once. `count` queries of each kind (fewer when the data has
 * fewer distinct names); each differs from the one before it.
 */
export async function sampleWorkspace(file: string, count: number, seed = 7): Promise<WorkspaceSample> {
  const counts: Record<string, number> = {};
  const natives: string[] = [];
  const romanized: string[] = [];
  const kinds = new Map<string, string>();
  const related = new Map<string, Record<string, number>>();
  const countryOf = new Map<string, string[]>();
  const steps = new Map<string, Approval[]>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as AnyRecord;
    counts[record.entity] = (counts[record.entity] ?? 0) + 1;
    if (record.entity === 'person') {
      if (record.nameNative && nonLatin.test(record.nameNative)) natives.push(record.nameNative);
      if (record.nameRomanized) romanized.push(record.nameRomanized);
    } else if (record.entity === 'activity') {
      kinds.set(record.id, record.details.kind);
      countryOf.set(`activity:${record.id}`, record.countries);
    } else if (record.entity === 'fieldReport') {
      countryOf.set(`fieldReport:${record.id}`, [record.country]);
    } else if (record.entity === 'approval') {
      const key = `${record.target.entity}:${record.target.recordId}`;
      steps.set(key, [...(steps.get(key) ?? []), record]);
    }
    const activityId = activityOf(record);
    if (activityId) {
      const byKind = related.get(activityId) ?? {};
      byKind[record.entity] = (byKind[record.entity] ?? 0) + 1;
      related.set(activityId, byKind);
    }
  }

  const random = randomOf(seed);
  const pick = (from: readonly string[], shape: (name: string) => string) => {
    const out: string[] = [];
    for (let tries = 0; out.length < count && from.length > 0 && tries < count * 20; tries += 1) {
      const query = shape(from[Math.floor(random() * from.length)] as string).trim();
      if (query.length >= 2 && query !== out.at(-1)) out.push(query);
    }
    return out;
  };
  // Chinese names are typed whole (two or three characters); Thai, Lao, Khmer and Burmese ones by the
  // given name (the first word), as a colleague remembers it.
  const nativeQueries = pick(natives, (name) => (/\s/.test(name) ? (name.split(/\s+/)[0] as string) : name));
  // A romanized name: a word of it (the family name, "Chaiyaporn"), or the whole name without its spaces ("wangfang").
  const romanizedQueries = pick(romanized, (name) => {
    const words = name.split(/\s+/).filter((word) => word.length >= 4);
    return random() < 0.3 || words.length === 0 ? name.replace(/\s+/g, '').toLowerCase() : (words[Math.floor(random() * words.length)] as string);
  });

  // The detail page: a training course (else any activity) with every section filled, the most trainees first.
  const filled = (byKind: Record<string, number>) => detailKinds.filter((kind) => (byKind[kind] ?? 0) > 0).length;
  // One number orders by: a training course first, then the most sections filled, then the most participants.
  const rank = (kind: string, byKind: Record<string, number>) => Number(kind === 'training-course') * 1e9 + filled(byKind) * 1e6 + (byKind.participation ?? 0);
  let activity: WorkspaceSample['activity'];
  for (const [id, byKind] of related) {
    const kind = kinds.get(id);
    if (!kind) continue;
    if (!activity || rank(kind, byKind) > rank(activity.kind, activity.related)) activity = { id, kind, related: byKind };
  }

  // The review queue: records whose steps leave them "submitted" wait for their country's coordinator.
  const waiting = new Map<string, number>();
  for (const [key, approvals] of steps) {
    if (workflowOf(approvals).state !== 'submitted') continue;
    for (const country of countryOf.get(key) ?? []) if (country !== 'CN') waiting.set(country, (waiting.get(country) ?? 0) + 1);
  }
  const top = [...waiting].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];

  return {
    counts,
    queries: { native: nativeQueries, romanized: romanizedQueries },
    activity,
    coordinator: top ? { country: top[0], waiting: top[1] } : undefined,
  };
}
