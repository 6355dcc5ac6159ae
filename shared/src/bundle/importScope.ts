import { canSee, writeRefusal, type Principal } from '../access/rules';
import { scopeFrom, scopeLevel, scopeReferences, scopeSubject, scopeView, type RecordRef, type RecordValues } from '../domain/scope';
import { changeKey, type Change } from '../sync/change';
import { materialize } from '../sync/merge';
import type { QuarantineReason } from './port';

/**
 * Whether an importing replica takes changes in, judged on the records' countries as this replica
 * computes them (shared/src/domain/scope.ts), never on the `scope` a change claims: the server's rule
 * (server/src/sync/deviceRun.ts authorize) on a desk. Per originating device and record: the countries
 * before (as held here) and after (merged with that device's changes), and access/rules writeRefusal for
 * the device's principal (from its certificate); then this replica must be allowed to hold the result.
 * Records are decided in scope order (activities before what hangs off them, documents last), so a
 * participation sent with its new activity is judged by that activity as it will be, and by nothing a
 * refused change would have made it.
 */

const recordKey = (ref: { entity: string; recordId: string }) => `${ref.entity}:${ref.recordId}`;

export type { RecordValues };

/** The changes this replica holds of each record (empty: never heard of it), in one batch. */
export type RecordChanges = (records: readonly RecordRef[]) => Promise<Change[][]>;

export interface ScopeRun {
  /** The originating device's principal (its certificate's user, role and countries); undefined: unknown, refused. */
  principal: Principal | undefined;
  /** Its changes to decide on (already field-checked). */
  changes: readonly Change[];
  /**
   * Its changes an interrupted import of the same bundle applied already: part of "after", not of
   * "before", so that a resumed import decides as the first attempt did.
   */
  carried?: readonly Change[];
}

export interface ScopeRefusal {
  reason: Extract<QuarantineReason, 'out-of-scope' | 'moves-out-of-scope'>;
  detail: string;
}

/** Decides every run in turn; returns the refused changes by change key (the others are accepted). */
export async function judgeScopes(input: { importer: Principal; runs: readonly ScopeRun[]; recordChanges: RecordChanges }): Promise<Map<string, ScopeRefusal>> {
  const refused = new Map<string, ScopeRefusal>();
  const held = new Map<string, Change[]>();
  const load = async (refs: readonly (RecordRef | undefined)[]) => {
    const missing = [...new Map(refs.filter((ref): ref is RecordRef => ref !== undefined && !held.has(recordKey(ref))).map((ref) => [recordKey(ref), ref])).values()];
    if (missing.length === 0) return;
    const found = await input.recordChanges(missing);
    missing.forEach((ref, i) => held.set(recordKey(ref), found[i] ?? []));
  };
  /** Accepted changes of earlier runs (and levels): not held yet, but what the records will be. */
  const overlay = new Map<string, Change[]>();

  for (const run of input.runs) {
    if (run.changes.length === 0) continue;
    const own = new Set([...run.changes, ...(run.carried ?? [])].map(changeKey));
    const groups = new Map<string, Change[]>();
    for (const change of [...(run.carried ?? []), ...run.changes]) {
      const list = groups.get(recordKey(change)) ?? [];
      list.push(change);
      groups.set(recordKey(change), list);
    }
    const pending = new Set(run.changes.map(changeKey));
    await load([...groups.values()].map((group) => group[0]!));

    /** A record as it stands without this run's changes (plus `extra`), or undefined when never heard of. */
    const stateOf = (ref: RecordRef, runOverlay: ReadonlyMap<string, Change[]>, extra: readonly Change[] = []): RecordValues | undefined => {
      const key = recordKey(ref);
      const all = new Map<string, Change>();
      for (const change of held.get(key) ?? []) if (!own.has(changeKey(change))) all.set(changeKey(change), change);
      for (const change of [...(overlay.get(key) ?? []), ...(runOverlay.get(key) ?? []), ...extra]) all.set(changeKey(change), change);
      if (all.size === 0) return undefined;
      return { entity: ref.entity, recordId: ref.recordId, values: materialize([...all.values()]).values };
    };
    const scopesOf = async (records: readonly RecordValues[], runOverlay: ReadonlyMap<string, Change[]>): Promise<string[][]> => {
      const views = records.map(scopeView);
      const subjectRefs = views.map(scopeSubject);
      await load(subjectRefs);
      const subjects = views.map((view, i) => {
        const ref = subjectRefs[i];
        if (!ref) return view;
        const subject = stateOf(ref, runOverlay);
        return subject ? scopeView(subject) : undefined;
      });
      const references = subjects.map((subject) => (subject ? scopeReferences(subject) : []));
      await load(references.flat());
      return subjects.map((subject, i) =>
        scopeFrom(
          subject,
          references[i]!.map((ref) => {
            const found = stateOf(ref, runOverlay);
            return found ? scopeView(found) : undefined;
          }),
        ).sort(),
      );
    };

    const entries = [...groups.values()].map((group) => {
      const ref = { entity: group[0]!.entity, recordId: group[0]!.recordId };
      return { ref, group, before: stateOf(ref, new Map()), after: stateOf(ref, new Map(), group)! };
    });
    const present = entries.filter((entry) => entry.before !== undefined);
    const presentScopes = await scopesOf(
      present.map((entry) => entry.before!),
      new Map(),
    );
    const beforeScopes = new Map(present.map((entry, i) => [recordKey(entry.ref), presentScopes[i]!]));

    const runOverlay = new Map<string, Change[]>();
    for (const level of [0, 1, 2] as const) {
      const batch = entries.filter((entry) => scopeLevel(entry.after) === level);
      const afterScopes = await scopesOf(
        batch.map((entry) => entry.after),
        runOverlay,
      );
      for (const [i, entry] of batch.entries()) {
        const before = beforeScopes.get(recordKey(entry.ref));
        // A record never heard of here whose countries these changes do not say (an edit of a record this
        // replica lacks, its subject unknown): only the scope the changes claim, which the bundle reader
        // checked against the originator's certificate, can place it. Anything this replica can compute wins.
        const after = afterScopes[i]!.length === 0 && before === undefined ? [...new Set(entry.group.flatMap((change) => change.scope))].sort() : afterScopes[i]!;
        // A record held here without countries is a fragment (placed as above): its countries are not known
        // here, so the rule judges by where the changes take it.
        const known = before !== undefined && before.length > 0 ? before : undefined;
        const refusal: ScopeRefusal['reason'] | undefined = run.principal ? writeRefusal(run.principal, known, after) : 'out-of-scope';
        // The importer holds only records of its countries, whoever made the change.
        const reason = refusal ?? (canSee(input.importer, after) ? undefined : 'out-of-scope');
        if (reason) {
          const detail = `${entry.ref.entity} ${entry.ref.recordId}: countries ${before?.join(',') ?? '(new)'} → ${after.join(',') || '(none)'}`;
          for (const change of entry.group) if (pending.has(changeKey(change))) refused.set(changeKey(change), { reason, detail });
        } else runOverlay.set(recordKey(entry.ref), entry.group);
      }
    }
    for (const [key, group] of runOverlay) overlay.set(key, [...(overlay.get(key) ?? []), ...group]);
  }
  return refused;
}
