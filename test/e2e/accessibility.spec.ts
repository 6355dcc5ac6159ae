import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { makeDemoFile } from './support';

/**
 * An automated accessibility check (axe-core, WCAG 2.1 A and AA rules) on each main screen, in English and
 * in Chinese, with demo data loaded so lists, detail pages and their sections are full. A serious or
 * critical violation fails the test, listed with the rule, the elements and axe's help text: what a
 * screen reader user or a keyboard user would meet. Minor and moderate findings are printed, not failed.
 */
const demoFile = makeDemoFile(300, 3);
const firstIdOf = (() => {
  const firstIds = new Map<string, string>();
  for (const line of readFileSync(demoFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { entity: string; id: string; details?: { kind?: string } };
    const key = record.entity === 'activity' ? `activity:${record.details?.kind}` : record.entity;
    if (!firstIds.has(key)) firstIds.set(key, record.id);
    if (!firstIds.has(record.entity)) firstIds.set(record.entity, record.id);
  }
  return (key: string) => {
    const id = firstIds.get(key);
    if (!id) throw new Error(`the demo data has no ${key}`);
    return id;
  };
})();

const screens: { name: string; path: () => string }[] = [
  { name: 'activities', path: () => '/#/activities' },
  { name: 'activities of a modality', path: () => '/#/activities?modality=human-resources' },
  { name: 'new activity', path: () => '/#/activities/new' },
  { name: 'training course', path: () => `/#/activities/${firstIdOf('activity:training-course')}` },
  { name: 'joint research project', path: () => `/#/activities/${firstIdOf('activity:joint-research-project')}` },
  { name: 'organizations', path: () => '/#/organizations' },
  { name: 'organization', path: () => `/#/organizations/${firstIdOf('organization')}` },
  { name: 'people', path: () => '/#/people' },
  { name: 'person', path: () => `/#/people/${firstIdOf('person')}` },
  { name: 'new person', path: () => '/#/people/new' },
  { name: 'field reports', path: () => '/#/field-reports' },
  { name: 'new field report', path: () => '/#/field-reports/new' },
  { name: 'field report', path: () => `/#/field-reports/${firstIdOf('fieldReport')}` },
  { name: 'finance and results', path: () => `/#/activities/${firstIdOf('activity:training-course')}/finance` },
  { name: 'enrolment', path: () => `/#/activities/${firstIdOf('activity:training-course')}/participants` },
  { name: 'new transaction', path: () => `/#/activities/${firstIdOf('activity:training-course')}/transactions/new` },
  { name: 'technology offers', path: () => '/#/technology' },
  { name: 'technology needs', path: () => '/#/technology/needs' },
  { name: 'technology matches', path: () => '/#/technology/matches' },
  { name: 'technology match', path: () => `/#/technology/matches/${firstIdOf('technologyMatch')}` },
  { name: 'new technology offer', path: () => '/#/technology/offers/new' },
  { name: 'spreadsheets', path: () => '/#/spreadsheets' },
  { name: 'review queue', path: () => '/#/review' },
  { name: 'conflicts', path: () => '/#/conflicts' },
  { name: 'sync', path: () => '/#/sync' },
  { name: 'USB bundles', path: () => '/#/bundles' },
  { name: 'data', path: () => '/#/data' },
  { name: 'settings', path: () => '/#/settings' },
];

async function loadDemo(page: Page) {
  await page.goto('/#/data?action=import');
  await page.getByTestId('import-file').setInputFiles(demoFile);
  await expect(page.getByTestId('report-stored')).toBeVisible({ timeout: 60_000 });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length > 0) console.log(`axe (not failing): ${minor.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}`);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
}

for (const language of ['en', 'zh'] as const) {
  test(`every main screen passes an automated accessibility check (${language})`, async ({ page }) => {
    test.setTimeout(240_000);
    await loadDemo(page);
    if (language === 'zh') await page.getByTestId('language-switch').selectOption('zh');
    const problems: string[] = [];
    for (const screen of screens) {
      await page.goto(screen.path());
      // A screen is ready when its main heading is there (every page has exactly one h1).
      await expect(page.locator('main h1')).toHaveCount(1);
      await expect(page.locator('main')).not.toContainText(/Page not found|页面不存在/);
      for (const violation of await seriousViolations(page)) problems.push(`${screen.name}: ${violation}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

test('the workspace is reachable by keyboard alone: skip link, side navigation, a form saved with Enter', async ({ page }) => {
  await page.goto('/#/activities');
  await expect(page.locator('main h1')).toHaveCount(1);
  // The first Tab lands on the skip link, which moves focus to the page's content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // Every link of the side navigation is reached by Tab, in order, and opens its page with Enter.
  const people = page.getByRole('navigation').getByRole('link', { name: 'People', exact: true });
  await page.getByRole('navigation').getByRole('link', { name: 'Field reports' }).focus();
  for (let presses = 0; presses < 30 && !(await people.evaluate((link) => link === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expect(people).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText('People');

  // A new organization, typed and saved without the mouse: the form's first field, then Enter submits.
  await page.goto('/#/organizations/new');
  const name = page.getByTestId('org-name-en');
  await name.focus();
  await page.keyboard.type('Vientiane Agricultural Research Institute');
  await page.getByTestId('org-country').focus();
  await page.keyboard.press('End');
  await page.getByTestId('org-type').focus();
  await page.keyboard.press('ArrowDown');
  await name.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('organization-row').filter({ hasText: 'Vientiane Agricultural Research Institute' })).toHaveCount(1);
});
