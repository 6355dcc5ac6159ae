import 'fake-indexeddb/auto';
import type { Draft } from './repository';
import { beforeEach, describe, expect, it } from 'vitest';
import { activityFinance } from './finance';
import { activityResults } from './results';
import { getStore } from './store';

const activity: Draft<'activity'> = {
  title: { en: 'Mekong joint laboratory' },
  description: {},
  details: { kind: 'joint-lab', researchLines: [], equipment: [] },
  status: 'implementation',
  countries: ['TH', 'CN'],
  priorityAreas: ['tech/agriculture'],
  plannedStart: '2025-01-01',
  defaultCurrency: 'CNY',
};

async function created<E extends Parameters<ReturnType<typeof getStore>['repository']['create']>[0]>(entity: E, draft: Draft<E>) {
  const outcome = await getStore().repository.create(entity, draft);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.record;
}

beforeEach(async () => {
  const { db } = getStore();
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe("an activity's money", () => {
  it('reads its budgets by period and its transactions by date, with the organizations named', async () => {
    const a = await created('activity', activity);
    const other = await created('activity', activity);
    const org = await created('organization', { name: { en: 'Kasetsart University' }, acronym: 'KU', type: 'university', country: 'TH' });
    await created('budget', { activityId: a.id, periodStart: '2026-01-01', periodEnd: '2026-12-31', value: { amount: 2, currency: 'CNY' }, status: 'indicative', budgetType: 'original' });
    await created('budget', { activityId: a.id, periodStart: '2025-01-01', periodEnd: '2025-12-31', value: { amount: 1, currency: 'CNY' }, status: 'committed', budgetType: 'original' });
    await created('budget', { activityId: other.id, periodStart: '2025-01-01', periodEnd: '2025-12-31', value: { amount: 9, currency: 'CNY' }, status: 'committed', budgetType: 'original' });
    await created('transaction', { activityId: a.id, transactionType: 'incoming-funds', date: '2025-06-01', value: { amount: 5, currency: 'THB' }, form: 'in-kind', inKindCategory: 'equipment', source: 'asean-partner', providerOrganizationId: org.id });
    await created('transaction', { activityId: a.id, transactionType: 'incoming-funds', date: '2025-02-01', value: { amount: 7, currency: 'CNY' }, form: 'cash', source: 'chinese-government' });

    const finance = await activityFinance(a.id, 'en');
    expect(finance.budgets.map((b) => b.value.amount)).toEqual([1, 2]);
    expect(finance.transactions.map((t) => t.date)).toEqual(['2025-02-01', '2025-06-01']);
    expect(finance.organizationNames).toEqual({ [org.id]: 'Kasetsart University (KU)' });
  });
});

describe("an activity's results", () => {
  it('reads results with their indicators and periods, and refuses to delete a result or indicator still in use', async () => {
    const a = await created('activity', activity);
    const outcome = await created('result', { activityId: a.id, resultType: 'outcome', title: { en: 'Better yields' } });
    const output = await created('result', { activityId: a.id, resultType: 'output', title: { en: 'Researchers trained' } });
    const indicator = await created('indicator', { activityId: a.id, resultId: output.id, title: { en: 'Trainees' }, measure: 'unit', disaggregations: ['sex'] });
    await created('indicatorPeriod', { activityId: a.id, indicatorId: indicator.id, periodStart: '2026-01-01', periodEnd: '2026-12-31', target: 50 });
    const first = await created('indicatorPeriod', { activityId: a.id, indicatorId: indicator.id, periodStart: '2025-01-01', periodEnd: '2025-12-31', target: 40, breakdown: [{ sex: 'female', actual: 25 }] });

    const tree = await activityResults(a.id);
    expect(tree.map((r) => r.result.id)).toEqual([output.id, outcome.id]);
    expect(tree[0]?.indicators[0]?.periods.map((p) => p.target)).toEqual([40, 50]);
    expect(tree[1]?.indicators).toEqual([]);

    const { repository } = getStore();
    expect(await repository.remove('result', output.id)).toMatchObject({ ok: false, issues: [{ message: 'v.hasDependents', params: { count: 1 } }] });
    expect(await repository.remove('indicator', indicator.id)).toMatchObject({ ok: false, issues: [{ message: 'v.hasDependents', params: { count: 2 } }] });
    expect(await repository.remove('indicatorPeriod', first.id)).toEqual({ ok: true });
  });
});
