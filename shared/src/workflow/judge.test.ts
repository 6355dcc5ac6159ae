import { describe, expect, it } from 'vitest';
import type { Principal } from '../access/rules';
import type { Approval } from '../domain/entities/approval';
import { changeKey, type Change } from '../sync/change';
import { formatStamp } from '../sync/hlc';
import { judgeWorkflow, stepClockSkewMs, type WorkflowLookup } from './judge';

/** The workflow judgement shared by the server and desks importing bundles (its server side: server/src/sync/workflow.test.ts). */

const officer: Principal = { userId: 'u-officer', role: 'field-officer', countries: ['TH'] };
const coordinator: Principal = { userId: 'u-coord', role: 'national-coordinator', countries: ['TH'] };
const secretariat: Principal = { userId: 'u-sec', role: 'secretariat', countries: [] };
const reportId = '019a0000-0000-7000-8000-000000000001';
const target = { entity: 'fieldReport', recordId: reportId } as const;
const now = Date.parse('2026-03-01T12:00:00.000Z');
const minute = 60_000;

let seqs: Record<string, number> = {};
let stamp = 0;
function change(device: string, entity: Change['entity'], recordId: string, field: string, value: Change['value']): Change {
  seqs[device] = (seqs[device] ?? 0) + 1;
  stamp += 1;
  return { device, seq: seqs[device]!, stamp: formatStamp(now - 60 * minute + stamp, 0, device), author: `device:${device}`, entity, recordId, field, value, scope: ['TH'], seen: [] };
}
let ids = 0;
/** A step's changes, as the device that took it writes them. */
function step(device: string, who: Principal, action: Approval['action'], minutesAgo: number, id = `019a0000-0000-7000-8000-3000000000${String(++ids).padStart(2, '0')}`): Change[] {
  const at = new Date(now - minutesAgo * minute).toISOString();
  const fields: Record<string, Change['value']> = { createdAt: at, target, action, ...(action === 'unlock' || action === 'return' ? { comment: 'Why' } : {}), actorUserId: who.userId, actorRole: who.role, at };
  return Object.entries(fields).map(([field, value]) => change(device, 'approval', id, field, value));
}
const approval = (id: string, who: Principal, action: Approval['action'], minutesAgo: number): Approval => {
  const at = new Date(now - minutesAgo * minute).toISOString();
  return { entity: 'approval', id, createdAt: at, updatedAt: at, target, action, actorUserId: who.userId, actorRole: who.role, at };
};
const lookup = (held: Approval[] = []): WorkflowLookup => ({
  heldSteps: async () => new Map(),
  approvalsAbout: async (targets) => new Map(targets.map((t) => [`${t.entity}:${t.recordId}`, held.filter((a) => a.target.recordId === t.recordId)])),
});
const reasons = (refused: Map<string, { reason: string }>, changes: readonly Change[]) => [...new Set(changes.map((c) => refused.get(changeKey(c))?.reason ?? 'accepted'))];

describe('judgeWorkflow', () => {
  it('keeps a well-formed step whatever it does to the fold: the verdict does not depend on what arrived first', async () => {
    seqs = {};
    const held = [approval('a-submit', officer, 'submit', 40), approval('b-approve', coordinator, 'approve', 30)];
    const accept = step('sec-laptop', secretariat, 'accept', 10);
    const unlock = step('coord-laptop', coordinator, 'unlock', 20);
    // The acceptance held already: the unlock dated before it is kept (it makes the acceptance stop counting, everywhere alike).
    const acceptFirst = [...held, approval(accept[0]!.recordId, secretariat, 'accept', 10)];
    expect(reasons(await judgeWorkflow({ runs: [{ principal: coordinator, changes: unlock }], lookup: lookup(acceptFirst), now }), unlock)).toEqual(['accepted']);
    const unlockFirst = [...held, approval(unlock[0]!.recordId, coordinator, 'unlock', 20)];
    expect(reasons(await judgeWorkflow({ runs: [{ principal: secretariat, changes: accept }], lookup: lookup(unlockFirst), now }), accept)).toEqual(['accepted']);
  });

  it('refuses what can never count: another’s name, a role that never takes the step, a future date', async () => {
    seqs = {};
    const forged = step('officer-laptop', coordinator, 'approve', 5);
    const officerApproves = step('officer-laptop', officer, 'approve', 4);
    const future = step('officer-laptop', officer, 'submit', -2 * stepClockSkewMs / minute);
    const refused = await judgeWorkflow({ runs: [{ principal: officer, changes: [...forged, ...officerApproves, ...future] }], lookup: lookup(), now });
    expect(reasons(refused, forged)).toEqual(['workflow']);
    expect(refused.get(changeKey(officerApproves[0]!))?.detail).toContain('field-officer may not approve');
    expect(refused.get(changeKey(future[0]!))?.detail).toContain('in the future');
  });

  it('judges later runs with what earlier ones accepted: a step locks the record, and is nobody else’s to change', async () => {
    seqs = {};
    const submit = step('officer-laptop', officer, 'submit', 30);
    const edit = change('other-laptop', 'fieldReport', reportId, 'narrative', 'Changed under review');
    const rewrite = change('other-laptop', 'approval', submit[0]!.recordId, 'comment', 'Not mine to add');
    const refused = await judgeWorkflow({ runs: [{ principal: officer, changes: submit }, { principal: officer, changes: [edit, rewrite] }], lookup: lookup(), now });
    expect(reasons(refused, submit)).toEqual(['accepted']);
    expect(refused.get(changeKey(edit))).toEqual({ reason: 'locked', detail: `fieldReport ${reportId} is submitted: only national-coordinator or secretariat can unlock or return it` });
    expect(refused.get(changeKey(rewrite))?.reason).toBe('workflow');
  });
});
