import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

const at = '2025-01-01T00:00:00.000Z';
const records = [
  { entity: 'organization', id: '0194a3b0-0000-7000-8000-00000000a001', createdAt: at, updatedAt: at, name: { en: 'Yunnan Academy of Agricultural Sciences', zh: '云南省农业科学院' }, acronym: 'YAAS', type: 'public-research-institute', country: 'CN' },
  { entity: 'organization', id: '0194a3b0-0000-7000-8000-00000000a002', createdAt: at, updatedAt: at, name: { en: 'National University of Laos', lo: 'ມະຫາວິທະຍາໄລແຫ່ງຊາດ' }, type: 'university', country: 'LA' },
  { entity: 'person', id: '0194a3b0-0000-7000-8000-00000000a003', createdAt: at, updatedAt: at, nameRomanized: 'Li Wei', nameNative: '李伟', sex: 'male', country: 'CN', roles: ['staff'] },
];

async function choose(picker: Locator, page: Page, typed: string, option: RegExp) {
  await picker.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

test('the Technology Transfer Center: an offer and a need, matched, the match moved to negotiating, seen on both sides', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('organizations.ndjson');
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
  await page.goto('/#/data?action=import');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('report-stored')).toHaveText('3 records saved');

  // From the navigation to the offers, empty at first.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Technology offers and needs' }).click();
  await expect(page).toHaveURL(/#\/technology\/offers$/);
  await expect(page.getByTestId('offers-empty')).toBeVisible();
  await expect(page.getByTestId('tab-offers')).toHaveAttribute('aria-current', 'page');

  // An offer: refused while incomplete (nothing typed is lost), then saved.
  await page.getByTestId('new-offers').click();
  await page.getByTestId('offer-title-en').fill('Solar rice dryer');
  await page.getByTestId('save-offer').click();
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await expect(page.locator('.field', { has: page.getByRole('combobox', { name: 'Provider' }) }).getByTestId('field-error')).toHaveText('This field is required.');
  await expect(page.getByTestId('offer-title-en')).toHaveValue('Solar rice dryer');
  await page.getByTestId('offer-title-zh').fill('太阳能稻谷干燥机');
  await choose(page.getByRole('combobox', { name: 'Provider' }), page, 'Yunnan', /Yunnan Academy/);
  await expect(page.getByTestId('offer-country')).toHaveValue('CN');
  await page.getByTestId('offer-readiness').selectOption('8');
  await page.getByTestId('offer-ip').selectOption('patented');
  await page.getByTestId('offer-priority-areas').getByLabel('Agro-product processing').check();
  await page.getByTestId('save-offer').click();
  await expect(page.getByTestId('offer-detail')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Solar rice dryer');
  await expect(page.getByTestId('offer-readiness-value')).toHaveText('8 — System complete and qualified');
  await expect(page.getByTestId('matches-of')).toContainText('Not matched yet.');

  // A need, sought in Laos.
  await page.goto('/#/technology/needs');
  await page.getByTestId('new-needs').click();
  await page.getByTestId('need-title-en').fill('Drying paddy after harvest');
  await choose(page.getByRole('combobox', { name: 'Seeking organization' }), page, 'ມະຫາວິທະຍາໄລ', /National University of Laos/);
  await expect(page.getByTestId('need-country')).toHaveValue('LA');
  await page.getByTestId('need-priority-areas').getByLabel('Agro-product processing').check();
  await page.getByTestId('save-need').click();
  await expect(page.getByTestId('need-detail')).toBeVisible();
  const needUrl = page.url();

  // Match them from the need's page: the need is chosen already.
  await page.getByTestId('new-match-here').click();
  await expect(page.getByRole('combobox', { name: 'Need' })).toHaveValue(/Drying paddy after harvest/);
  await choose(page.getByRole('combobox', { name: 'Offer' }), page, 'solar', /Solar rice dryer/);
  await choose(page.getByRole('combobox', { name: 'Broker' }), page, '李伟', /Li Wei/);
  await page.getByTestId('save-match').click();
  await expect(page.getByTestId('match-detail')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Solar rice dryer → Drying paddy after harvest');
  await expect(page.getByTestId('match-status-value')).toHaveText('Proposed');
  await expect(page.getByTestId('match-offer')).toContainText('Yunnan Academy of Agricultural Sciences');
  await expect(page.getByTestId('match-need')).toContainText('National University of Laos');
  await noSeriousViolations(page);

  // The match moves on, with the day of the step; the history keeps it.
  await page.getByTestId('match-step-status').selectOption('negotiating');
  await page.getByTestId('match-step-date').fill('2025-03-15');
  await page.getByTestId('match-step-save').click();
  await expect(page.getByTestId('match-step-outcome')).toHaveText('The match is now: Negotiating.');
  await expect(page.getByTestId('match-status-value')).toHaveText('Negotiating');
  await expect(page.getByTestId('history').getByText('negotiating').first()).toBeVisible();
  const matchUrl = page.url();

  // Both sides show it.
  await page.getByTestId('match-offer').getByRole('link', { name: 'Solar rice dryer' }).click();
  await expect(page.getByTestId('offer-detail')).toBeVisible();
  await expect(page.getByTestId('match-of')).toHaveCount(1);
  await expect(page.getByTestId('match-of-status')).toHaveText('Negotiating');
  await expect(page.getByTestId('match-of').getByRole('link')).toHaveText('Drying paddy after harvest');
  await page.goto(needUrl);
  await expect(page.getByTestId('match-of-status')).toHaveText('Negotiating');
  await expect(page.getByTestId('match-of').getByRole('link')).toHaveText('Solar rice dryer');

  // A pair is matched once: a second match of the same offer and need is refused, with a link to the first.
  await page.getByTestId('new-match-here').click();
  await choose(page.getByRole('combobox', { name: 'Offer' }), page, 'dryer', /Solar rice dryer/);
  await expect(page.getByTestId('match-duplicate')).toBeVisible();
  await expect(page.getByTestId('save-match')).toBeDisabled();

  // The matches list filters by status (in its URL), and by either side's country.
  await page.goto('/#/technology/matches');
  await expect(page.getByTestId('match-row')).toHaveCount(1);
  await page.getByTestId('technology-filter-status').selectOption('agreed');
  await expect(page.getByTestId('matches-no-match')).toBeVisible();
  await page.getByTestId('technology-filter-status').selectOption('negotiating');
  await expect(page).toHaveURL(/status=negotiating/);
  await expect(page.getByTestId('match-row')).toHaveCount(1);
  await page.getByTestId('technology-filter-country').selectOption('LA');
  await expect(page.getByTestId('match-row')).toHaveCount(1);
  await page.getByTestId('technology-filter-country').selectOption('TH');
  await expect(page.getByTestId('matches-no-match')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('match-row')).toHaveCount(1);
  await noSeriousViolations(page);

  // An activity follows the match up; the match lists it and the activity links back.
  await page.goto(matchUrl);
  await page.getByRole('link', { name: 'New follow-up activity' }).click();
  await expect(page.getByTestId('field-kind')).toHaveValue('technology-transfer-match');
  await expect(page.getByTestId('kind-section').getByRole('combobox', { name: 'Technology match' })).toHaveValue('Solar rice dryer → Drying paddy after harvest');
  await page.getByTestId('field-title-en').fill('Pilot solar dryers in Vientiane');
  await page.getByTestId('field-countries').getByLabel('Lao PDR').check();
  await page.getByTestId('field-priority-areas').getByLabel('Agro-product processing').check();
  await page.getByTestId('field-plannedStart').fill('2025-04-01');
  await page.getByTestId('save-activity').click();
  await expect(page.getByTestId('activity-detail')).toBeVisible();
  await expect(page.getByTestId('activity-match-status')).toHaveText('Negotiating');
  await page.getByTestId('kind-details').getByRole('link', { name: 'Solar rice dryer → Drying paddy after harvest' }).click();
  await expect(page.getByTestId('match-activities').getByRole('link', { name: 'Pilot solar dryers in Vientiane' })).toBeVisible();

  // In Chinese.
  await page.getByTestId('language-switch').selectOption('zh');
  await expect(page.getByTestId('match-status-value')).toHaveText('洽谈中');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('太阳能稻谷干燥机 → Drying paddy after harvest');
});
