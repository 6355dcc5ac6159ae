import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { activityRecord, enrolledDesk } from './support';
import { ServerProcess } from '../support/serverProcess';

/**
 * The review workflow's two journeys, on two computers (browser profiles) and a real server:
 * 1. A field officer of Thailand, offline at a site, records two field reports (a photo, typed
 *    coordinates) and submits them (locked while they are reviewed); back in range, his desk syncs by itself.
 * 2. His national coordinator's desk syncs; her review queue shows both reports. She returns one with a
 *    comment and approves the other, which is then locked: its form is disabled and says who can unlock
 *    it. Her desk shows his photo (fetched from the server). After a sync, the officer's desk shows the
 *    returned one with her comment (on the record and on his review page), and the approved one locked.
 */
const password = 'correct horse battery staple';
const activity = activityRecord('0194a3b0-0000-7000-8000-0000000000e1', 'Cassava starch cooperative', ['TH']);
const returnComment = 'Please add the yield figures from the second plot.';

let server: ServerProcess;
let officer: Page;
let coordinator: Page;
/** The two reports the officer records: the first will be returned, the second approved. */
const reports: { id: string; narrative: string }[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = new ServerProcess();
  server.cli(['user', 'add', '--username', 'somchai', '--display-name', 'Somchai Phanit', '--role', 'field-officer', '--countries', 'TH'], { password });
  server.cli(['user', 'add', '--username', 'nok', '--display-name', 'Nok Chaiyaporn', '--role', 'national-coordinator', '--countries', 'TH'], { password });
  await server.start();
});

test.afterAll(async () => {
  await officer?.context().close();
  await coordinator?.context().close();
  await server?.stop();
});

/** A small real PNG (a gradient), as a camera or a file picker would give. */
function pngFile(path: string, width = 96, height = 64): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) rows.set([(x * 255) / width, (y * 255) / height, 120], y * (width * 3 + 1) + 1 + x * 3);
  writeFileSync(path, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]));
  return path;
}

/** `days` days ago on this computer's calendar (YYYY-MM-DD). */
function daysAgo(days: number): string {
  const day = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

async function lastSuccess(page: Page): Promise<string> {
  await page.goto('/#/sync');
  return (await page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '';
}

/** Waits until the desk has synced again since `before` (by itself, or after "Sync now"). */
async function syncedAfter(page: Page, before: string): Promise<void> {
  await page.goto('/#/sync');
  await expect.poll(async () => (await page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '', { timeout: 30_000 }).not.toBe(before);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
}

async function syncNow(page: Page): Promise<void> {
  const before = await lastSuccess(page);
  await page.getByTestId('sync-now').click();
  await syncedAfter(page, before);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Records a field report through the form, with typed coordinates and a photo; answers its id. */
async function recordFieldReport(page: Page, narrative: string, visitDate: string, photo: string): Promise<string> {
  await page.goto('/#/field-reports/new');
  await page.getByTestId('fr-activity').fill('Cassava');
  await page.getByRole('option', { name: /Cassava starch cooperative/ }).click();
  await page.getByTestId('fr-visit-date').fill(visitDate);
  await page.getByTestId('fr-latitude').fill('14.9799');
  await page.getByTestId('fr-longitude').fill('102.0978');
  await page.getByTestId('fr-narrative').fill(narrative);
  await page.getByTestId('fr-photo-input').setInputFiles(photo);
  await page.getByTestId('fr-photo-caption').fill('Drying yard, north side');
  await page.getByTestId('fr-save').click();
  await expect(page.getByTestId('fr-detail')).toBeVisible();
  const id = /#\/field-reports\/([^/?]+)$/.exec(page.url())?.[1];
  if (!id) throw new Error(`not on a field report's page: ${page.url()}`);
  await expect(page.getByTestId('fr-detail-photo')).toHaveCount(1);
  await expect(page.getByTestId('fr-coordinates')).toContainText('14.9799');
  return id;
}

/**
 * Submits the record shown, through its workflow panel. With `override`, the submission checks must warn
 * first: the comment is then required, and the step records the warnings it overrode.
 */
async function submitShown(page: Page, override?: string): Promise<void> {
  await expect(page.getByTestId('workflow-state')).toHaveAttribute('data-state', 'draft');
  await page.getByTestId('workflow-submit').click();
  if (override) {
    await expect(page.getByTestId('workflow-warnings')).toContainText('days ago: check the date');
    await page.getByTestId('workflow-confirm').click();
    await expect(page.getByTestId('workflow-step').getByTestId('field-error')).toBeVisible();
    await expect(page.getByTestId('workflow-state')).toHaveAttribute('data-state', 'draft');
    await page.getByTestId('workflow-comment').fill(override);
  } else {
    await expect(page.getByTestId('workflow-confirm')).toBeEnabled();
    await expect(page.getByTestId('workflow-warnings')).toHaveCount(0);
  }
  await page.getByTestId('workflow-confirm').click();
  await expect(page.getByTestId('workflow-state')).toHaveAttribute('data-state', 'submitted');
  const step = page.locator('[data-testid="workflow-history"] [data-testid="workflow-step"]');
  await expect(step).toHaveCount(1);
  await expect(step).toHaveAttribute('data-action', 'submit');
  if (override) await expect(step.getByTestId('workflow-step-comment')).toHaveText(override);
}

test('an officer records two field reports offline, with a photo and typed coordinates, and submits them; they sync when he is back', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  officer = await enrolledDesk(browser, server.url, 'somchai', password);

  // The activity he reports on is on his desk (and the server) before he leaves.
  const file = testInfo.outputPath('activity.ndjson');
  writeFileSync(file, `${JSON.stringify(activity)}\n`);
  const beforeImport = await lastSuccess(officer);
  await officer.goto('/#/data?action=import');
  await officer.getByTestId('import-file').setInputFiles(file);
  await expect(officer.getByTestId('report-stored')).toHaveText('1 record saved');
  await syncedAfter(officer, beforeImport);

  // In the field: no network.
  await officer.context().setOffline(true);
  const photo = pngFile(testInfo.outputPath('drying-yard.png'));
  // An activity with no description cannot be submitted: the check's error blocks it, nothing is offered to confirm.
  await officer.goto(`/#/activities/${activity.id}`);
  await officer.getByTestId('workflow-submit').click();
  await expect(officer.getByTestId('workflow-errors')).toContainText('Write a description');
  await expect(officer.getByTestId('workflow-confirm')).toHaveCount(0);
  await officer.getByTestId('workflow-cancel').click();
  await expect(officer.getByTestId('workflow-state')).toHaveAttribute('data-state', 'draft');

  // A visit of yesterday; and one of four months ago, which the checks flag (a typo?): he overrides it, saying why.
  const visits = [
    { narrative: 'Visited the drying yard; 40 farmers attended.', date: daysAgo(1) },
    { narrative: 'Second visit: the new dryer is installed and running.', date: daysAgo(120), override: 'Written up late from my notebook: the date is right.' },
  ];
  for (const visit of visits) {
    const id = await recordFieldReport(officer, visit.narrative, visit.date, photo);
    reports.push({ id, narrative: visit.narrative });
    // A draft is his to edit; nothing locks it.
    await expect(officer.getByTestId('workflow-lock')).toHaveCount(0);
    await submitShown(officer, visit.override);
  }

  // Each step is recorded in his name, offline, on his desk.
  await expect(officer.getByTestId('workflow-history')).toContainText('Somchai Phanit (Field officer)');
  // Submitted, the report is locked while it is reviewed: no Edit, and the panel says who can return it.
  await expect(officer.getByTestId('workflow-lock')).toContainText('Submitted for review by Somchai Phanit (Field officer)');
  await expect(officer.getByTestId('workflow-lock')).toContainText('locked while it is reviewed. A national coordinator or the Secretariat can return it.');
  await expect(officer.getByTestId('fr-edit')).toHaveCount(0);
  // An officer takes no further step on a submitted report. His review page has no queue: it lists what he
  // submitted, waiting for review, and (nothing yet) what was returned to him; no badge, nothing asks for him.
  await expect(officer.getByTestId('workflow-approve')).toHaveCount(0);
  await officer.getByTestId('nav-review').click();
  await expect(officer.getByTestId('review-waiting').getByTestId('waiting-item')).toHaveCount(2);
  await expect(officer.getByTestId('returned-empty')).toBeVisible();
  await expect(officer.getByTestId('queue-empty')).toHaveCount(0);
  await expect(officer.getByTestId('review-count')).toHaveCount(0);

  // Back in range: the desk notices and syncs by itself.
  const beforeOnline = await lastSuccess(officer);
  await officer.context().setOffline(false);
  await syncedAfter(officer, beforeOnline);
  await expect(officer.getByTestId('sync-refusals')).toHaveCount(0);
});

test('a coordinator returns one report with a comment and approves the other, which is then locked on both desks', async ({ browser }) => {
  test.setTimeout(180_000);
  // The officer's journey (the test before, same worker) recorded and submitted the two reports.
  expect(reports).toHaveLength(2);
  const [returned, approved] = reports as [{ id: string; narrative: string }, { id: string; narrative: string }];
  coordinator = await enrolledDesk(browser, server.url, 'nok', password);

  // Her desk synced at enrollment: both reports wait for her, oldest first, with who submitted them.
  await expect(coordinator.getByTestId('review-count')).toHaveText('2');
  await coordinator.getByTestId('nav-review').click();
  const items = coordinator.getByTestId('queue-kind-fieldReport').getByTestId('queue-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-record-id', returned.id);
  await expect(items.nth(1)).toHaveAttribute('data-record-id', approved.id);
  await expect(items.nth(0)).toContainText('Cassava starch cooperative');
  // Who submitted: his user id and role (her desk knows people by name only from device certificates).
  await expect(items.nth(0)).toContainText('(Field officer)');
  // What he said when submitting, so that approving from the list is informed: his comment and the warning he overrode.
  await expect(items.nth(0).getByTestId('queue-submit-comment')).toHaveCount(0);
  await expect(items.nth(1).getByTestId('queue-submit-comment')).toContainText('Written up late from my notebook: the date is right.');
  await expect(items.nth(1).getByTestId('queue-overridden')).toContainText('Visit long ago');

  // Returning needs a comment: without one, nothing is recorded and the box says why.
  await items.nth(0).getByTestId('queue-return').click();
  await coordinator.getByTestId('queue-confirm').click();
  await expect(coordinator.getByTestId('queue-step').getByTestId('field-error')).toBeVisible();
  await expect(coordinator.getByTestId('queue-comment')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(coordinator)).toEqual([]);
  await coordinator.getByTestId('queue-comment').fill(returnComment);
  await coordinator.getByTestId('queue-confirm').click();
  await expect(items).toHaveCount(1);
  await expect(coordinator.getByTestId('review-count')).toHaveText('1');

  // Approve the other, from the queue: the queue empties, the badge goes.
  await items.nth(0).getByTestId('queue-approve').click();
  await expect(coordinator.getByTestId('queue-empty')).toBeVisible();
  await expect(coordinator.getByTestId('review-count')).toHaveCount(0);

  // The approved report is locked: the panel says so, and its form is disabled with the lock notice.
  await coordinator.goto(`/#/field-reports/${approved.id}`);
  await expect(coordinator.getByTestId('workflow-state')).toHaveAttribute('data-state', 'approved');
  // His photo came by sync: her desk fetches its file from the server and shows it (decoded, not a broken image).
  const photo = coordinator.getByTestId('fr-detail-photo-img');
  await expect(photo).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
  await expect(coordinator.getByTestId('workflow-lock')).toContainText('Approved by Nok Chaiyaporn (National coordinator)');
  expect(await seriousViolations(coordinator)).toEqual([]);
  await coordinator.goto(`/#/field-reports/${approved.id}/edit`);
  await expect(coordinator.getByTestId('record-lock-notice')).toContainText('A national coordinator or the Secretariat can unlock it (Return or Unlock).');
  await expect(coordinator.getByTestId('fr-save')).toBeDisabled();
  await expect(coordinator.getByTestId('fr-narrative')).toBeDisabled();

  // The returned one shows her comment.
  await coordinator.goto(`/#/field-reports/${returned.id}`);
  await expect(coordinator.getByTestId('workflow-state')).toHaveAttribute('data-state', 'returned');
  await expect(coordinator.getByTestId('workflow-step-comment')).toHaveText(returnComment);

  // Her steps reach the officer: after a sync, he sees the comment, and the approved report locked.
  await coordinator.goto('/#/sync');
  await expect(coordinator.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
  await syncNow(coordinator);
  await syncNow(officer);
  await officer.goto(`/#/field-reports/${returned.id}`);
  await expect(officer.getByTestId('workflow-state')).toHaveAttribute('data-state', 'returned');
  await expect(officer.getByTestId('workflow-state')).toHaveText('Returned');
  await expect(officer.locator('[data-testid="workflow-step"][data-action="return"]')).toContainText('National coordinator');
  await expect(officer.getByTestId('workflow-step-comment')).toHaveText(returnComment);
  // He may correct it and submit it again.
  await expect(officer.getByTestId('workflow-submit')).toBeVisible();
  // His review page lists it as returned to him, with her comment; the approved one still waits (for the Secretariat).
  await expect(officer.getByTestId('review-count')).toHaveText('1');
  await officer.getByTestId('nav-review').click();
  const returnedItems = officer.getByTestId('returned-item');
  await expect(returnedItems).toHaveCount(1);
  await expect(returnedItems.first()).toHaveAttribute('data-record-id', returned.id);
  await expect(returnedItems.first()).toContainText('Cassava starch cooperative');
  await expect(returnedItems.first()).toContainText('National coordinator');
  await expect(returnedItems.first().getByTestId('returned-comment')).toHaveText(returnComment);
  const waitingItems = officer.getByTestId('waiting-item');
  await expect(waitingItems).toHaveCount(1);
  await expect(waitingItems.first()).toHaveAttribute('data-record-id', approved.id);
  await expect(waitingItems.first()).toHaveAttribute('data-state', 'approved');
  expect(await seriousViolations(officer)).toEqual([]);
  // From there to the record, to correct it.
  await returnedItems.first().getByRole('link').click();
  await expect(officer.getByTestId('workflow-state')).toHaveAttribute('data-state', 'returned');

  await officer.goto(`/#/field-reports/${approved.id}`);
  await expect(officer.getByTestId('workflow-state')).toHaveAttribute('data-state', 'approved');
  await officer.goto(`/#/field-reports/${approved.id}/edit`);
  await expect(officer.getByTestId('record-lock-notice')).toContainText('A national coordinator or the Secretariat can unlock it');
  await expect(officer.getByTestId('fr-save')).toBeDisabled();
  await expect(officer.getByTestId('fr-narrative')).toBeDisabled();
  await expect(officer.getByTestId('fr-narrative')).toHaveValue(approved.narrative);
});
