import type { Principal } from '../access/rules';
import type { Approval } from '../domain/entities/approval';
import { changeKey, type Change } from '../sync/change';
import { causalRuns } from '../sync/causalRuns';
import { heldStepOf, judgeWorkflow, type HeldStep, type WorkflowRefusal, type WorkflowRun } from '../workflow/judge';
import type { BundlePort } from './port';

/**
 * The review workflow on a replica importing a bundle (a desk): the server's judgement
 * (shared/src/workflow/judge.ts, which server/src/sync/workflow.ts runs on push and bundle import), over
 * the bundle's changes in the order the server takes them (causalRuns: each device's changes in seq
 * order, the devices interleaved by stamp), each run judged for the person its device acts for (from its
 * certificate). An officer's edit of a record his coordinator approved, or a step in someone else's name,
 * is refused here as it is there ('locked', 'workflow'); the access rules on countries come after
 * (importScope.ts).
 *
 * The server judges run by run with the scope rules in between, so a step the scope rules refuse does not
 * lock the record for later runs there; here it does. Such a step is refused anyway (quarantined), and a
 * later retry judges again.
 */

export interface WorkflowImportRun {
  /** The originating device's principal (its certificate's user); undefined: unknown, left to the scope rules (which refuse it). */
  principal: Principal | undefined;
  /** Its changes to decide on (already field-checked). */
  changes: readonly Change[];
  /**
   * Its changes already applied by an interrupted import of the same bundle: judged again with the rest,
   * in their causal place, as the first time (not read as held), so that a resumed import decides as an
   * uninterrupted one would. Their own judgement is not returned: they are in already.
   */
  carried?: readonly Change[];
}

/** Decides the runs (by originating device); returns the refused changes by change key (the others are accepted). */
export async function judgeImportWorkflow(input: {
  runs: ReadonlyMap<string, WorkflowImportRun>;
  port: Pick<BundlePort, 'recordChanges' | 'approvalsAbout'>;
  now?: number;
}): Promise<Map<string, WorkflowRefusal>> {
  const perDevice = new Map<string, Change[]>();
  const carried = new Set<string>();
  // The steps an interrupted import applied: left out of what the replica is read to hold (as importScope does with `own`).
  const carriedSteps = new Set<string>();
  for (const [device, run] of input.runs) {
    const changes = [...run.changes, ...(run.carried ?? [])];
    if (!run.principal || changes.length === 0) continue;
    for (const change of run.carried ?? []) {
      carried.add(changeKey(change));
      if (change.entity === 'approval') carriedSteps.add(change.recordId);
    }
    perDevice.set(device, [...new Map(changes.map((change) => [changeKey(change), change])).values()].sort((a, b) => a.seq - b.seq));
  }
  if (perDevice.size === 0) return new Map();
  const runs: WorkflowRun[] = causalRuns(perDevice).map((run) => ({ principal: input.runs.get(run.device)!.principal!, changes: run.changes }));
  const { port } = input;
  const refused = await judgeWorkflow({
    runs,
    now: input.now ?? Date.now(),
    lookup: {
      async heldSteps(ids) {
        const asked = ids.filter((id) => !carriedSteps.has(id));
        const found = await port.recordChanges(asked.map((recordId) => ({ entity: 'approval', recordId })));
        const out = new Map<string, HeldStep>();
        asked.forEach((id, i) => {
          const step = heldStepOf(found[i] ?? []);
          if (step) out.set(id, step);
        });
        return out;
      },
      async approvalsAbout(targets) {
        const found = await port.approvalsAbout(targets);
        return new Map<string, Approval[]>(targets.map((target, i) => [`${target.entity}:${target.recordId}`, (found[i] ?? []).filter((step) => !carriedSteps.has(step.id))]));
      },
    },
  });
  for (const key of carried) refused.delete(key);
  return refused;
}
