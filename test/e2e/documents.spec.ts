import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ServerProcess } from '../support/serverProcess';
import { activityRecord } from './support';

/**
 * Documents attached to a record (here an activity, on its detail page): content-addressed, so the same
 * file attached twice is stored and listed once; a file over the 25 MiB limit is refused with a message
 * that names it; captions and removal. Then two officers with a real server: a photo attached on one
 * desk reaches the other, whose desk fetches the bytes from the server when the document is shown.
 */

/** A 4 × 3 red PNG: small, but a real image the browser decodes (the thumbnail must show). */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4oaEBRww4OQAHpg0hlLAT/AAAAABJRU5ErkJggg==', 'base64');

async function importActivity(page: Page, activity: ReturnType<typeof activityRecord>, file: string): Promise<void> {
  writeFileSync(file, `${JSON.stringify(activity)}\n`);
  await page.goto('/#/data?action=import');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('report-stored')).toHaveText('1 record saved');
}

test.describe('documents on a record', () => {
  test('attach, the same file again (listed once), too large (refused with a message), caption, remove', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const activity = activityRecord('0194a3b0-0000-7000-8000-0000000000d1', 'Solar dryer demonstration zone', ['KH']);
    await importActivity(page, activity, testInfo.outputPath('activity.ndjson'));
    await page.goto(`/#/activities/${activity.id}`);
    const section = page.getByTestId('documents-section');
    await expect(section).toBeVisible();
    await expect(section.getByTestId('documents-empty')).toBeVisible();
    const rows = section.getByTestId('document-row');

    // A photo: listed with its name, type and size, and shown as a thumbnail.
    const photo = testInfo.outputPath('dryer.png');
    writeFileSync(photo, png);
    await section.getByTestId('attach-file').setInputFiles(photo);
    await expect(section.getByTestId('attach-done')).toHaveText('dryer.png is attached.');
    await expect(rows).toHaveCount(1);
    await expect(rows.getByTestId('document-name')).toHaveText('dryer.png');
    await expect(rows.getByTestId('document-type')).toHaveText('image/png');
    await expect(rows.getByTestId('document-size')).toHaveText(`${png.length} B`);
    const thumbnail = rows.getByTestId('document-thumbnail');
    await expect(thumbnail).toBeVisible();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(4);

    // The same bytes again, even under another name: one document, one row.
    const copy = testInfo.outputPath('dryer-copy.png');
    writeFileSync(copy, png);
    await section.getByTestId('attach-file').setInputFiles(copy);
    await expect(section.getByTestId('attach-existing')).toContainText('dryer.png is already attached to this record');
    await expect(rows).toHaveCount(1);

    // A file over the limit: refused, the message names the file, its size and the limit; nothing listed.
    const big = testInfo.outputPath('site-survey-scan.tif');
    writeFileSync(big, Buffer.alloc(26 * 1024 * 1024, 7));
    await section.getByTestId('attach-file').setInputFiles(big);
    const tooLarge = section.getByTestId('attach-too-large');
    await expect(tooLarge).toBeVisible();
    await expect(tooLarge).toContainText('site-survey-scan.tif');
    await expect(tooLarge).toContainText('26 MB');
    await expect(tooLarge).toContainText('25 MB');
    await expect(tooLarge).toHaveAttribute('role', 'alert');
    await expect(rows).toHaveCount(1);

    // A second, different file; then a caption, by keyboard, that survives a reload.
    const minutes = testInfo.outputPath('meeting-minutes.txt');
    writeFileSync(minutes, 'Minutes of the site meeting, 12 May 2025.\n');
    await section.getByTestId('attach-file').setInputFiles(minutes);
    await expect(rows).toHaveCount(2);
    const minutesRow = rows.filter({ hasText: 'meeting-minutes.txt' });
    await expect(minutesRow.getByTestId('document-type')).toHaveText('text/plain');
    await minutesRow.getByRole('button', { name: 'Edit the caption of meeting-minutes.txt' }).click();
    const captionInput = minutesRow.getByLabel('Caption of meeting-minutes.txt');
    await expect(captionInput).toBeFocused();
    await captionInput.fill('Signed by both sides');
    await captionInput.press('Enter');
    await expect(minutesRow.getByTestId('document-caption')).toHaveText('Signed by both sides');
    await page.reload();
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'meeting-minutes.txt' }).getByTestId('document-caption')).toHaveText('Signed by both sides');

    // Nothing serious for a screen reader or a keyboard user in the section.
    const axe = await new AxeBuilder({ page }).include('[data-testid="documents-section"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Remove, after a confirmation that names the file: a dismissed one keeps it.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await rows.filter({ hasText: 'meeting-minutes.txt' }).getByRole('button', { name: 'Remove meeting-minutes.txt' }).click();
    await expect(rows).toHaveCount(2);
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('meeting-minutes.txt');
      void dialog.accept();
    });
    await rows.filter({ hasText: 'meeting-minutes.txt' }).getByRole('button', { name: 'Remove meeting-minutes.txt' }).click();
    await expect(section.getByTestId('document-removed')).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expect(rows.getByTestId('document-name')).toHaveText('dryer.png');

    // In Chinese.
    await page.getByTestId('language-switch').selectOption('zh');
    await expect(section.getByRole('heading', { name: '文件' })).toBeVisible();
    await expect(section.getByText('附加文件')).toBeVisible();
  });
});

test.describe('documents travel by network sync', () => {
  const password = 'correct horse battery staple';
  let server: ServerProcess;

  test.beforeAll(async () => {
    server = new ServerProcess();
    for (const username of ['dara', 'sokha']) server.cli(['user', 'add', '--username', username, '--display-name', username, '--role', 'field-officer', '--countries', 'KH'], { password });
    await server.start();
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  async function enrolledDesk(browser: Browser, username: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto('/#/sync');
    await page.getByTestId('sync-server-url').fill(server.url);
    await page.getByTestId('sync-username').fill(username);
    await page.getByTestId('sync-password').fill(password);
    await page.getByTestId('sync-sign-in').click();
    await page.getByTestId('sync-enroll').click();
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
    return page;
  }

  async function syncNow(page: Page): Promise<void> {
    await page.goto('/#/sync');
    const before = (await page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '';
    await page.getByTestId('sync-now').click();
    await expect.poll(async () => (await page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '', { timeout: 30_000 }).not.toBe(before);
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
  }

  test('a photo attached on one desk is uploaded, and fetched by the other when shown online', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const activity = activityRecord('0194a3b0-0000-7000-8000-0000000000d2', 'Biogas digester pilot', ['KH']);
    const dara = await enrolledDesk(browser, 'dara');
    const sokha = await enrolledDesk(browser, 'sokha');

    await importActivity(dara, activity, testInfo.outputPath('activity.ndjson'));
    await dara.goto(`/#/activities/${activity.id}`);
    const photo = testInfo.outputPath('digester.png');
    writeFileSync(photo, png);
    await dara.getByTestId('documents-section').getByTestId('attach-file').setInputFiles(photo);
    await expect(dara.getByTestId('document-row')).toHaveCount(1);
    // The round pushes the record, then uploads the file.
    await syncNow(dara);

    // Sokha receives the record while offline: the document is listed, its bytes are not here yet.
    await syncNow(sokha);
    await sokha.context().setOffline(true);
    await sokha.goto(`/#/activities/${activity.id}`);
    const row = sokha.getByTestId('documents-section').getByTestId('document-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('document-name')).toHaveText('digester.png');
    await expect(row).toContainText('not on this computer yet');
    await expect(row.getByTestId('document-thumbnail')).toHaveCount(0);
    await row.getByTestId('document-download').click();
    await expect(sokha.getByTestId('file-unavailable')).toContainText('digester.png is not on this computer yet');

    // Online again: shown, so fetched from the server (checked against its SHA-256) and kept.
    await sokha.context().setOffline(false);
    await sokha.reload();
    await expect(row.getByTestId('document-thumbnail')).toBeVisible();
    await expect.poll(() => row.getByTestId('document-thumbnail').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(4);
    // Kept: offline again, the thumbnail still shows (the page is left and opened again, not reloaded).
    await sokha.context().setOffline(true);
    await sokha.goto('/#/sync');
    await sokha.goto(`/#/activities/${activity.id}`);
    await expect(row.getByTestId('document-thumbnail')).toBeVisible();
    await expect(row).not.toContainText('not on this computer yet');
  });
});
