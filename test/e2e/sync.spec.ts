import { writeFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { activityRecord } from './support';

/**
 * Two devices (two browser profiles) edit the same activity's title offline, exchange their changes as
 * files through the engine's export and apply, see the same winner and the same conflict, and one of
 * them resolves it for both.
 */
const activity = activityRecord('0194a3b0-0000-7000-8000-0000000000bb', 'Solar dryer demonstration', ['KH', 'CN']);

async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  // The save dialog of the File System Access API cannot be answered in a headless test: take the download path.
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  return context.newPage();
}

async function saveChanges(page: Page, path: string): Promise<void> {
  await page.goto('/#/data');
  const download = page.waitForEvent('download');
  await page.getByTestId('save-changes').click();
  await (await download).saveAs(path);
  await expect(page.getByTestId('changes-saved')).toBeVisible();
}

async function applyChanges(page: Page, path: string): Promise<void> {
  await page.goto('/#/data');
  await page.getByTestId('apply-changes').setInputFiles(path);
  await expect(page.getByTestId('changes-applied')).toBeVisible();
}

async function editTitle(page: Page, title: string): Promise<void> {
  await page.goto(`/#/activities/${activity.id}/edit`);
  await page.getByTestId('field-title-en').fill(title);
  await page.getByTestId('save-activity').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

test('two devices edit the same title offline, agree on the winner and the conflict, and a resolution clears it on both', async ({ browser }, testInfo) => {
  const a = await device(browser);
  const b = await device(browser);
  const file = (name: string) => testInfo.outputPath(name);

  // Device A has the activity; B receives it through a change file.
  writeFileSync(file('activity.ndjson'), `${JSON.stringify(activity)}\n`);
  await a.goto('/#/data?action=import');
  await a.getByTestId('import-file').setInputFiles(file('activity.ndjson'));
  await expect(a.getByTestId('report-stored')).toHaveText('1 record saved');
  await saveChanges(a, file('a1.ndjson'));
  await applyChanges(b, file('a1.ndjson'));
  await b.goto(`/#/activities/${activity.id}`);
  await expect(b.getByRole('heading', { level: 1 })).toHaveText('Solar dryer demonstration');

  // Both edit the title with no network, neither seeing the other's edit.
  await a.context().setOffline(true);
  await b.context().setOffline(true);
  await editTitle(a, 'Solar dryer demonstration, Siem Reap');
  await editTitle(b, 'Solar dryer demonstration zone (Cambodia)');

  // They exchange, in both directions, and one file twice: nothing is duplicated.
  await saveChanges(a, file('a2.ndjson'));
  await saveChanges(b, file('b2.ndjson'));
  await applyChanges(b, file('a2.ndjson'));
  await applyChanges(b, file('a2.ndjson'));
  await expect(b.getByTestId('changes-applied-count')).toHaveText('0 changes applied');
  await applyChanges(a, file('b2.ndjson'));

  // The same winner on both, and the same conflict listed on both, with the losing title kept.
  await a.goto(`/#/activities/${activity.id}`);
  await b.goto(`/#/activities/${activity.id}`);
  const winner = await a.getByRole('heading', { level: 1 }).textContent();
  await expect(b.getByRole('heading', { level: 1 })).toHaveText(winner ?? '');
  for (const page of [a, b]) await expect(page.getByTestId('conflicts-count')).toHaveText('1');
  await a.goto('/#/conflicts');
  await expect(a.getByTestId('conflict')).toHaveCount(1);
  await expect(a.getByTestId('conflict-head')).toHaveCount(2);
  await expect(a.getByTestId('conflict')).toContainText('Solar dryer demonstration, Siem Reap');
  await expect(a.getByTestId('conflict')).toContainText('Solar dryer demonstration zone (Cambodia)');

  // A resolves it with a merged title; after another exchange B has no conflict and the merged title.
  await a.getByTestId('merge-value').fill(JSON.stringify({ en: 'Solar dryer demonstration zone, Siem Reap' }));
  await a.getByTestId('save-merged').click();
  await expect(a.getByTestId('conflict')).toHaveCount(0);
  await saveChanges(a, file('a3.ndjson'));
  await applyChanges(b, file('a3.ndjson'));
  await b.goto(`/#/activities/${activity.id}`);
  await expect(b.getByRole('heading', { level: 1 })).toHaveText('Solar dryer demonstration zone, Siem Reap');
  await expect(b.getByTestId('conflicts-count')).toHaveCount(0);

  // The history shows every edit of the title: the first value, both concurrent edits, the resolution.
  const titles = b.getByTestId('history-entry').filter({ hasText: /Solar dryer/ });
  await expect(titles).toHaveCount(4);
});
