import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { activityRecord } from './support';

const activityId = '0194a3b0-0000-7000-8000-00000000f001';
const organizationId = '0194a3b0-0000-7000-8000-00000000f002';

/** Serious or critical accessibility problems inside one part of the page. */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the money and results of an activity: budgets, cash and in-kind contributions per currency, a disaggregated indicator', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // A Thai-Chinese activity (default currency CNY) and the Thai partner university, through the Data page.
  const organization = {
    entity: 'organization',
    id: organizationId,
    createdAt: '2025-03-01T00:00:00.000Z',
    updatedAt: '2025-03-01T00:00:00.000Z',
    name: { en: 'Kasetsart University', th: 'มหาวิทยาลัยเกษตรศาสตร์' },
    acronym: 'KU',
    type: 'university',
    country: 'TH',
  };
  const file = testInfo.outputPath('activity.ndjson');
  writeFileSync(file, [organization, activityRecord(activityId, 'Rubber processing demonstration zone', ['TH', 'CN'])].map((r) => JSON.stringify(r)).join('\n'));
  await page.goto('/#/data?action=import');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('report-stored')).toHaveText('2 records saved');

  await page.goto(`/#/activities/${activityId}`);
  const finance = page.getByTestId('finance-section');
  await expect(finance.getByRole('heading', { name: 'Budgets and contributions' })).toBeVisible();
  await expect(finance).toContainText('No budgets or transactions yet.');

  // A budget: the currency starts as the activity's own.
  await finance.getByTestId('add-budget').click();
  await expect(page).toHaveURL(new RegExp(`#/activities/${activityId}/budgets/new$`));
  await expect(page.getByTestId('budget-currency')).toHaveValue('CNY');
  await page.getByTestId('budget-periodStart').fill('2025-01-01');
  await page.getByTestId('budget-periodEnd').fill('2025-12-31');
  await page.getByTestId('budget-amount').fill('500000');
  await page.getByTestId('budget-status').selectOption('committed');
  await page.getByTestId('budget-source').selectOption('chinese-government');
  await page.getByTestId('save-budget').click();
  await expect(page).toHaveURL(new RegExp(`#/activities/${activityId}$`));
  await expect(finance.getByTestId('budget-row')).toHaveCount(1);
  await expect(finance.getByTestId('budget-row')).toContainText('500,000');

  // Cash from the Chinese government, in yuan.
  await finance.getByTestId('add-transaction').click();
  await expect(page.getByTestId('transaction-currency')).toHaveValue('CNY');
  await page.getByTestId('transaction-date').fill('2025-03-15');
  await page.getByTestId('transaction-amount').fill('200000');
  await page.getByTestId('transaction-source').selectOption('chinese-government');
  await expect(page.getByTestId('transaction-in-kind-category')).toHaveCount(0);
  await page.getByTestId('save-transaction').click();
  await expect(finance.getByTestId('transaction-row')).toHaveCount(1);

  // Equipment from the ASEAN partner, in kind, valued in baht: the category is asked for, the valuation encouraged.
  await finance.getByTestId('add-transaction').click();
  await page.getByRole('radio', { name: 'In kind' }).check();
  await expect(page.getByText('Recommended for in-kind contributions')).toBeVisible();
  await page.getByTestId('transaction-date').fill('2025-04-02');
  await page.getByTestId('transaction-amount').fill('350000');
  await page.getByTestId('transaction-currency').fill('THB');
  await page.getByTestId('transaction-source').selectOption('asean-partner');
  await page.getByTestId('save-transaction').click();
  await expect(page.locator('.field', { has: page.getByTestId('transaction-in-kind-category') }).getByTestId('field-error')).toHaveText(
    'Say what the in-kind contribution consists of.',
  );
  await page.getByTestId('transaction-in-kind-category').selectOption('equipment');
  await page.getByLabel('Provider organization').fill('Kasetsart');
  await page.getByRole('option', { name: /Kasetsart University/ }).click();
  await page.getByTestId('transaction-valuation-note').fill('Market price of two latex testing machines');
  await page.getByTestId('save-transaction').click();
  await expect(page).toHaveURL(new RegExp(`#/activities/${activityId}$`));
  const rows = finance.getByTestId('transaction-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('In kind · Equipment');
  await expect(rows.nth(1)).toContainText('Kasetsart University (KU) → —');
  await expect(rows.nth(1)).toContainText('Market price of two latex testing machines');

  // Totals: yuan first (the activity's currency), baht beside it, never added together.
  const totals = finance.getByTestId('finance-totals');
  await expect(totals.locator('thead th')).toHaveText(['Totalled', 'CNY', 'THB']);
  const received = totals.getByTestId('finance-totals-incoming-funds');
  await expect(received.locator('[data-currency="CNY"]')).toContainText('200,000');
  await expect(received.locator('[data-currency="THB"]')).toContainText('350,000');
  await expect(totals.getByTestId('finance-totals-budget').locator('[data-currency="CNY"]')).toContainText('500,000');
  await expect(totals.getByTestId('finance-totals-budget').locator('[data-currency="THB"]')).toHaveText('—');
  await expect(totals).not.toContainText('550,000');
  await expect(finance.getByTestId('not-converted')).toContainText('not converted: no exchange rates offline');
  // What the Secretariat reports: by source and by form.
  const bySource = finance.getByTestId('finance-by-source');
  await expect(bySource.getByTestId('finance-by-source-chinese-government').locator('[data-currency="CNY"]')).toContainText('200,000');
  await expect(bySource.getByTestId('finance-by-source-chinese-government').locator('[data-currency="THB"]')).toHaveText('—');
  await expect(bySource.getByTestId('finance-by-source-asean-partner').locator('[data-currency="THB"]')).toContainText('350,000');
  const byForm = finance.getByTestId('finance-by-form');
  await expect(byForm.getByTestId('finance-by-form-cash').locator('[data-currency="CNY"]')).toContainText('200,000');
  await expect(byForm.getByTestId('finance-by-form-in-kind').locator('[data-currency="THB"]')).toContainText('350,000');
  await expect(byForm.getByTestId('finance-by-form-in-kind:equipment')).toContainText('Equipment');

  // A result, an indicator broken down by sex, and a period: target 40, actuals 25 women and 20 men.
  const results = page.getByTestId('results-section');
  await results.getByTestId('add-result').click();
  await page.getByTestId('result-type').selectOption('output');
  await page.getByTestId('save-result').click();
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await page.getByTestId('result-title-en').fill('Processing technicians trained');
  await page.getByText('Other languages (optional)').click();
  await page.getByTestId('result-title-zh').fill('培训加工技术人员');
  await page.getByTestId('save-result').click();
  await expect(page).toHaveURL(new RegExp(`#/activities/${activityId}$`));
  await expect(results.getByTestId('result-item')).toContainText('Processing technicians trained');

  await results.getByTestId('add-indicator').click();
  await page.getByTestId('indicator-title-en').fill('Technicians completing the course');
  await page.getByTestId('indicator-unit').fill('technicians');
  await page.getByTestId('indicator-disaggregations').getByLabel('Sex').check();
  await page.getByTestId('save-indicator').click();
  const indicator = results.getByTestId('indicator-item');
  await expect(indicator).toContainText('Technicians completing the course');
  await expect(indicator.getByTestId('indicator-facts')).toContainText('Broken down by Sex');

  await indicator.getByTestId('add-period').click();
  await page.getByTestId('period-start').fill('2025-01-01');
  await page.getByTestId('period-end').fill('2025-12-31');
  await page.getByTestId('period-target-input').fill('40');
  const grid = page.getByTestId('breakdown-grid');
  await expect(grid.locator('tbody th')).toHaveText(['Female', 'Male', 'Not stated']);
  await grid.getByLabel('Actual for Female').fill('25');
  await grid.getByLabel('Actual for Male').fill('20');
  await expect(grid.getByTestId('sum-actual')).toHaveText('45');
  // A total that does not match the breakdown is pointed out, not refused.
  await page.getByTestId('period-actual-input').fill('40');
  await expect(grid.getByTestId('breakdown-mismatch')).toContainText('The actual (40) differs from the sum of the breakdown (45).');
  await grid.getByTestId('use-sums').click();
  await expect(page.getByTestId('period-actual-input')).toHaveValue('45');
  await expect(grid.getByTestId('breakdown-mismatch')).toHaveText('');
  await expect(page.getByTestId('form-percent')).toHaveText('Actual: 113% of the target.');
  await page.getByTestId('save-period').click();
  await expect(page).toHaveURL(new RegExp(`#/activities/${activityId}$`));
  const period = indicator.getByTestId('period-row');
  await expect(period.getByTestId('period-target')).toHaveText('40');
  await expect(period.getByTestId('period-actual')).toHaveText('45');
  await expect(period.getByTestId('period-percent')).toHaveText('113%');
  await expect(period.getByTestId('period-breakdown').locator('li')).toHaveText(['Female: target —, actual 25', 'Male: target —, actual 20']);
  await expect(period.getByTestId('period-mismatch')).toHaveCount(0);

  // A result that still has indicators is not deleted: the desk says why.
  page.once('dialog', (dialog) => void dialog.accept());
  await results.getByRole('button', { name: 'Delete Processing technicians trained' }).click();
  await expect(results.getByTestId('results-refusal')).toContainText('other records');
  await expect(results.getByTestId('result-item')).toHaveCount(1);

  // Editing a transaction goes back to where it was opened: the money-and-results page.
  await page.goto(`/#/activities/${activityId}/finance`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Money and results');
  await expect(page.getByTestId('period-row')).toHaveCount(1);
  expect([...(await seriousViolations(page, '[data-testid="finance-section"]')), ...(await seriousViolations(page, '[data-testid="results-section"]'))]).toEqual([]);
  await page.getByRole('link', { name: /Edit the transaction of .*200,000/ }).click();
  await expect(page.getByTestId('transaction-amount')).toHaveValue('200000');
  await page.getByTestId('transaction-amount').fill('250000');
  await page.getByTestId('save-transaction').click();
  await expect(page).toHaveURL(new RegExp(`#/activities/${activityId}/finance$`));
  await expect(page.getByTestId('finance-totals-incoming-funds').locator('[data-currency="CNY"]')).toContainText('250,000');

  // The period form with its grid is accessible too.
  await page.getByRole('link', { name: /Edit the period/ }).click();
  await expect(page.getByTestId('breakdown-grid')).toBeVisible();
  expect(await seriousViolations(page, 'main')).toEqual([]);

  // In Chinese.
  await page.goto(`/#/activities/${activityId}/finance`);
  await page.getByTestId('language-switch').selectOption('zh');
  await expect(page.getByRole('heading', { name: '预算与出资' })).toBeVisible();
  await expect(page.getByTestId('finance-by-source-asean-partner')).toContainText('东盟伙伴国');
  await expect(page.getByTestId('result-item')).toContainText('培训加工技术人员');
});
