import 'fake-indexeddb/auto';
import type { Conflict, ConflictHead } from '@shared/sync/merge';
import { afterEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from '../../db/database';
import { createRepository, type Draft } from '../../db/repository';
import type { Principal } from '@shared/access/rules';
import { formatValues, referencesIn, type ValueContext } from '../history/formatValue';
import { hiddenFieldsOf } from '../history/personalData';
import { recordNamesOf } from '../history/recordNames';
import { checkMerged, conflictPrivacy, groupConflicts, isTextConflict, mergeDraft, parseMerged, recordName, valuesFromHistory } from './conflictModel';

const stamp = (ms: number, device = 'dev-a') => `${String(ms).padStart(15, '0')}-0000-${device}`;
const head = (value: ConflictHead['value'], ms: number, field = 'title'): ConflictHead => ({ stamp: stamp(ms), value, author: 'a', device: 'dev-a', field });
const conflict = (recordId: string, field: string, heads: ConflictHead[], kind: Conflict['kind'] = 'field'): Conflict => ({ entity: 'activity', recordId, field, kind, heads });

describe('grouping', () => {
  it('groups by record, the most recently touched record first, a delete conflict first within its record', () => {
    const groups = groupConflicts([
      conflict('r1', 'title', [head('a', 5), head('b', 4)]),
      conflict('r2', 'status', [head('x', 9), head('y', 1)]),
      conflict('r1', '_deleted', [head(true, 3, '_deleted'), head('c', 2, 'venue')], 'delete'),
    ]);
    expect(groups.map((g) => g.recordId)).toEqual(['r2', 'r1']);
    expect(groups[1]?.conflicts.map((c) => c.kind)).toEqual(['delete', 'field']);
    expect(groups[1]?.key).toBe('activity:r1');
  });
});

describe('record names', () => {
  it('takes the title, the name, or a person’s names', () => {
    expect(recordName({ title: { en: 'Rice lab' } })).toEqual({ en: 'Rice lab' });
    expect(recordName({ name: { zh: '科技部' } })).toEqual({ zh: '科技部' });
    expect(recordName({ nameRomanized: 'Somchai', nameNative: 'สมชาย' })).toBe('Somchai · สมชาย');
    expect(recordName({ title: { en: ' ' } })).toBeUndefined();
    expect(recordName({ fileName: 'site-visit.jpg', sha256: 'ab' })).toBe('site-visit.jpg');
    expect(recordName(undefined)).toBeUndefined();
  });

  it('finds a deleted record’s last values in its history', () => {
    const values = valuesFromHistory([
      { stamp: stamp(1), at: '', author: 'a', device: 'd', field: 'title', value: { en: 'Old' }, previous: undefined },
      { stamp: stamp(2), at: '', author: 'a', device: 'd', field: 'venue', value: 'Hanoi', previous: undefined },
      { stamp: stamp(3), at: '', author: 'a', device: 'd', field: 'title', value: { en: 'New' }, previous: { en: 'Old' } },
      { stamp: stamp(4), at: '', author: 'a', device: 'd', field: 'venue', value: null, previous: 'Hanoi' },
    ]);
    expect(values).toEqual({ title: { en: 'New' } });
  });
});

describe('merged values', () => {
  const text = conflict('r', 'iatiIdentifier', [head('CN-1', 2), head('CN-2', 1)]);
  const list = conflict('r', 'countries', [head(['LA', 'CN'], 2), head(['TH'], 1)]);

  it('edits text fields as plain text and everything else as JSON, starting from the value shown now', () => {
    expect(isTextConflict(text)).toBe(true);
    expect(isTextConflict(conflict('r', 'iatiIdentifier', [head('CN-1', 2), head(null, 1)]))).toBe(true);
    expect(isTextConflict(list)).toBe(false);
    expect(mergeDraft(text)).toBe('CN-1');
    expect(mergeDraft(list)).toBe('[\n  "LA",\n  "CN"\n]');
    expect(mergeDraft(conflict('r', 'plannedEnd', [head(null, 2), head(3, 1)]))).toBe('null');
  });

  it('takes plain text as it is for a text field, JSON otherwise, and says what is wrong', () => {
    expect(parseMerged(text, '"quoted" text')).toEqual({ ok: true, value: '"quoted" text' });
    expect(parseMerged(text, '  ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseMerged(list, '["LA", "TH"]')).toEqual({ ok: true, value: ['LA', 'TH'] });
    expect(parseMerged(list, '["LA", "TH"')).toEqual({ ok: false, problem: 'json' });
    expect(parseMerged(list, 'null')).toEqual({ ok: true, value: null });
  });
});

const draft: Draft<'activity'> = {
  title: { en: 'Joint laboratory for rice breeding' },
  description: {},
  details: { kind: 'joint-lab', researchLines: ['Drought tolerance'], equipment: [] },
  status: 'implementation',
  countries: ['LA', 'CN'],
  priorityAreas: ['tech/agriculture/crop-breeding'],
  plannedStart: '2024-03-01',
  plannedEnd: '2027-02-28',
  defaultCurrency: 'CNY',
};

const open: StepDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** Two computers that both hold an activity, then edit its title without seeing each other. */
async function twoComputersInConflict() {
  const dbs = [openStepDatabase(`conflicts-${Math.random()}`), openStepDatabase(`conflicts-${Math.random()}`)] as const;
  open.push(...dbs);
  let clock = Date.parse('2025-05-01T00:00:00Z');
  const now = () => (clock += 1000);
  const [a, b] = [createRepository(dbs[0], { now, author: 'Ana' }), createRepository(dbs[1], { now, author: 'Bao' })];
  const created = await a.create('activity', draft);
  if (!created.ok) throw new Error('draft not valid');
  // Every change one computer holds, read from its change log (what a change file carries).
  const send = (from: StepDatabase, to: typeof a) => from.changes.toArray().then((changes) => to.applyRemote(changes));
  await send(dbs[0], b);
  const id = created.record.id;
  await a.replace('activity', id, { ...draft, title: { en: 'Rice lab (Ana)' } });
  await b.replace('activity', id, { ...draft, title: { en: 'Rice lab (Bao)' } });
  await send(dbs[1], a);
  await send(dbs[0], b);
  return { a, b, dbs, id };
}

describe('checking a merged value against the record', () => {
  it('normalizes a valid value and refuses one that would make the record invalid, naming the field', () => {
    const record = { ...draft, entity: 'activity', id: '0190f0c2-6a4e-7b3c-9d2e-1a2b3c4d5e6f', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' };
    expect(checkMerged('activity', record, 'title', { en: '  Merged  ' })).toEqual({ ok: true, value: { en: 'Merged' } });
    expect(checkMerged('activity', record, 'countries', ['LA', 'XX'])).toMatchObject({ ok: false, issues: [{ path: 'countries.1' }] });
    expect(checkMerged('activity', record, 'plannedStart', '2030-01-01')).toMatchObject({ ok: false, issues: [{ path: 'plannedEnd', message: 'v.endBeforeStart' }] });
    expect(checkMerged('activity', record, 'plannedEnd', null)).toEqual({ ok: true, value: null });
    // Nothing to check a value of a record that is not stored against: it passes as typed.
    expect(checkMerged('activity', undefined, 'countries', ['XX'])).toEqual({ ok: true, value: ['XX'] });
  });

  it('reads a real conflict between two computers the way the screen shows it', async () => {
    const { a, b, dbs, id } = await twoComputersInConflict();
    for (const [replica, db] of [[a, dbs[0]], [b, dbs[1]]] as const) {
      const conflicts = await replica.conflicts();
      expect(conflicts).toHaveLength(1);
      const [found] = conflicts;
      if (!found) return;
      // The same value is shown on both computers (the later stamp wins), and both values are listed.
      expect(found).toMatchObject({ recordId: id, field: 'title', kind: 'field' });
      expect(found.heads.map((h) => [h.author, h.value])).toEqual([
        ['Bao', { en: 'Rice lab (Bao)' }],
        ['Ana', { en: 'Rice lab (Ana)' }],
      ]);
      expect(groupConflicts(conflicts)).toMatchObject([{ key: `activity:${id}`, recordId: id }]);
      expect(JSON.parse(mergeDraft(found))).toEqual({ en: 'Rice lab (Bao)' });
      const typed = parseMerged(found, '{ "en": " Rice lab (Ana and Bao) ", "zh": "水稻实验室" }');
      if (!typed.ok) throw new Error('typed JSON not read');
      const stored = await db.activities.get(id);
      expect(checkMerged('activity', stored, 'title', typed.value)).toEqual({ ok: true, value: { en: 'Rice lab (Ana and Bao)', zh: '水稻实验室' } });
      expect(checkMerged('activity', stored, 'title', {})).toMatchObject({ ok: false, issues: [{ path: 'title', message: 'v.required' }] });
    }
  });
});

const personDraft: Draft<'person'> = {
  nameRomanized: 'Somphone Vongsavanh',
  nameNative: 'ສົມພອນ ວົງສະຫວັນ',
  sex: 'female',
  country: 'LA',
  roles: ['trainee'],
  email: 'somphone@example.la',
  birthYear: 1990,
};

/** Two computers that both hold a person, then change it without seeing each other's change. */
type PersonEdit = Partial<Draft<'person'>> | ((organizationId: string) => Partial<Draft<'person'>>);
async function personInConflict(editA: PersonEdit | 'delete', editB: PersonEdit) {
  const dbs = [openStepDatabase(`conflicts-${Math.random()}`), openStepDatabase(`conflicts-${Math.random()}`)] as const;
  open.push(...dbs);
  let clock = Date.parse('2025-05-01T00:00:00Z');
  const now = () => (clock += 1000);
  const [a, b] = [createRepository(dbs[0], { now, author: 'Ana' }), createRepository(dbs[1], { now, author: 'Bao' })];
  const organization = await a.create('organization', { name: { en: 'National University of Laos' }, type: 'university', country: 'LA' });
  const created = await a.create('person', personDraft);
  if (!created.ok || !organization.ok) throw new Error('drafts not valid');
  const send = (from: StepDatabase, to: typeof a) => from.changes.toArray().then((changes) => to.applyRemote(changes));
  await send(dbs[0], b);
  const id = created.record.id;
  const edit = (change: PersonEdit) => ({ ...personDraft, ...(typeof change === 'function' ? change(organization.record.id) : change) });
  if (editA === 'delete') await a.remove('person', id);
  else await a.replace('person', id, edit(editA));
  await b.replace('person', id, edit(editB));
  await send(dbs[1], a);
  return { a, id, organization: organization.record, person: created.record };
}

describe('personal data in conflicts', () => {
  const secretariat: Principal = { userId: 's', role: 'secretariat', countries: ['LA', 'KH'] };
  const laoCoordinator: Principal = { userId: 'c', role: 'national-coordinator', countries: ['LA'] };

  it('hides both values of a conflict on a person’s e-mail from the Secretariat, not from the person’s coordinator', async () => {
    const { a, person } = await personInConflict({ email: 'somphone@nuol.edu.la' }, { email: 'somphone.v@gmail.com' });
    const [found] = await a.conflicts();
    expect(found).toMatchObject({ entity: 'person', field: 'email', kind: 'field' });
    if (!found) return;
    expect(conflictPrivacy(found, hiddenFieldsOf('person', person, secretariat)).hidden).toBe(true);
    expect(conflictPrivacy(found, hiddenFieldsOf('person', person, laoCoordinator))).toEqual({ hidden: false, hiddenHeads: new Set() });
  });

  it('leaves a conflict on a program field open to everyone, its ids read as names', async () => {
    // One side puts the person in an organization this computer has, the other in one it does not have.
    const elsewhere = '0194a3b0-0000-7000-8000-000000000abc';
    const { a, organization, person } = await personInConflict((organizationId) => ({ organizationId }), { organizationId: elsewhere });
    const [found] = await a.conflicts();
    if (!found) throw new Error('no conflict');
    expect(conflictPrivacy(found, hiddenFieldsOf('person', person, secretariat)).hidden).toBe(false);
    const refs = found.heads.flatMap((h) => referencesIn('person', h.field, h.value));
    expect(refs).toContainEqual({ entity: 'organization', id: organization.id });
    const names = recordNamesOf([organization]);
    const context: ValueContext = { language: 'en', entity: 'person', words: { yes: 'Yes', no: 'No', empty: '—' }, recordName: (entity, id) => names.nameOf(entity, id, 'en') };
    expect(formatValues('organizationId', found.heads.map((h) => h.value), context).sort()).toEqual(['National University of Laos', '…00000abc']);
  });

  it('hides the personal data among the edits made while a person was deleted, not the rest', async () => {
    const { a, person } = await personInConflict('delete', { phone: '+856 20 5555 1234', position: 'Lecturer' });
    const [found] = await a.conflicts();
    expect(found).toMatchObject({ kind: 'delete' });
    if (!found) return;
    const { hidden, hiddenHeads } = conflictPrivacy(found, hiddenFieldsOf('person', person, secretariat));
    expect(hidden).toBe(false);
    expect(found.heads.filter((h) => hiddenHeads.has(h.stamp)).map((h) => h.field)).toEqual(['phone']);
    expect(found.heads.filter((h) => !hiddenHeads.has(h.stamp)).map((h) => h.field).sort()).toEqual(['_deleted', 'position']);
  });
});
