import { writeFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { activityRecord } from './support';
import { contiguousSeqs, enrollAuditor } from '../support/auditor';
import { ServerProcess } from '../support/serverProcess';

/**
 * Two field officers of Thailand, each on their own computer (a browser profile), sync through a real
 * server process (embedded PGlite, as a field office would run it). An edit on one reaches the other.
 * Then the server dies in the middle of a push (SIGKILL, as in a power cut) and comes back: the next sync
 * completes, and the server holds every change of the device exactly once, the last edit included.
 */
const password = 'correct horse battery staple';
const officers = [
  { username: 'somchai', displayName: 'Somchai Phanit' },
  { username: 'malee', displayName: 'Malee Srisuk' },
];
const activity = activityRecord('0194a3b0-0000-7000-8000-0000000000cc', 'Rice straw biochar pilot', ['TH']);

let server: ServerProcess;

test.beforeAll(async () => {
  server = new ServerProcess();
  // Users are added before the server starts: PGlite's folder is one process's at a time.
  for (const officer of officers)
    server.cli(['user', 'add', '--username', officer.username, '--display-name', officer.displayName, '--role', 'field-officer', '--countries', 'TH'], { password });
  server.cli(['user', 'add', '--username', 'auditor', '--display-name', 'Secretariat auditor', '--role', 'secretariat'], { password });
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

/** The time of the last successful sync, as the Sync page shows it (undefined before the first). */
async function lastSuccess(page: Page): Promise<string | undefined> {
  await page.goto('/#/sync');
  return (await page.getByTestId('sync-last-success').getAttribute('data-at')) ?? undefined;
}

async function syncedAfter(page: Page, before: string | undefined): Promise<void> {
  await page.goto('/#/sync');
  await expect.poll(async () => (await page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '', { timeout: 30_000 }).not.toBe(before ?? '');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
}

async function editTitle(page: Page, title: string, id = activity.id): Promise<void> {
  await page.goto(`/#/activities/${id}/edit`);
  await page.getByTestId('field-title-en').fill(title);
  await page.getByTestId('save-activity').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

async function syncNowAndSee(page: Page, title: string, id = activity.id): Promise<void> {
  const before = await lastSuccess(page);
  await page.getByTestId('sync-now').click();
  await syncedAfter(page, before);
  await page.goto(`/#/activities/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

test('two officers sync through a real server; a server killed mid-push loses and duplicates nothing', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const somchai = await enrolledDesk(browser, 'somchai');
  const malee = await enrolledDesk(browser, 'malee');

  // Somchai records an activity; his desk pushes it by itself (nobody presses anything).
  const file = testInfo.outputPath('activity.ndjson');
  writeFileSync(file, `${JSON.stringify(activity)}\n`);
  const beforeImport = await lastSuccess(somchai);
  await somchai.goto('/#/data?action=import');
  await somchai.getByTestId('import-file').setInputFiles(file);
  await expect(somchai.getByTestId('report-stored')).toHaveText('1 record saved');
  await syncedAfter(somchai, beforeImport);
  await syncNowAndSee(malee, activity.title.en);

  // Malee edits it; Somchai receives the edit.
  const beforeMaleeEdit = await lastSuccess(malee);
  await editTitle(malee, 'Rice straw biochar pilot, phase 2');
  await syncedAfter(malee, beforeMaleeEdit);
  await syncNowAndSee(somchai, 'Rice straw biochar pilot, phase 2');

  // The server dies while Somchai's next push is in flight: it commits the push, and is killed before
  // its answer leaves. Somchai's desk never learns the push arrived.
  let killed = false;
  await somchai.route('**/api/v1/sync/push', async (route) => {
    if (killed) return route.continue();
    killed = true;
    await route.fetch();
    await server.kill();
    await route.abort('connectionreset');
  });
  await editTitle(somchai, 'Rice straw biochar pilot, phase 3');
  await somchai.goto('/#/sync');
  await expect(somchai.getByTestId('sync-status')).toHaveAttribute('data-state', /offline|attention/, { timeout: 30_000 });
  expect(killed).toBe(true);

  // And a second death, this time before the server reads the request: the push never arrives.
  let killedEarly = false;
  await server.start();
  await somchai.unroute('**/api/v1/sync/push');
  await somchai.route('**/api/v1/sync/push', async (route) => {
    if (killedEarly) return route.continue();
    killedEarly = true;
    await server.kill();
    await route.continue();
  });
  await editTitle(somchai, 'Rice straw biochar pilot, phase 4');
  await somchai.goto('/#/sync');
  await expect.poll(() => killedEarly, { timeout: 30_000 }).toBe(true);
  await expect(somchai.getByTestId('sync-status')).toHaveAttribute('data-state', /offline|attention/, { timeout: 30_000 });

  // The server comes back; the next sync completes, and Malee sees the last edit.
  await server.start();
  await somchai.unroute('**/api/v1/sync/push');
  const beforeRetry = await lastSuccess(somchai);
  await somchai.getByTestId('sync-now').click();
  await syncedAfter(somchai, beforeRetry);
  await expect(somchai.getByTestId('sync-refusals')).toHaveCount(0);
  await syncNowAndSee(malee, 'Rice straw biochar pilot, phase 4');

  // What the server holds: every seq of every device exactly once, the last title among them once.
  const auditor = await enrollAuditor(server.url, 'auditor', password);
  const changes = await auditor.pullAll();
  const seqs = contiguousSeqs(changes);
  expect(seqs.size).toBe(2);
  const titles = changes.filter((change) => change.recordId === activity.id && change.field === 'title').map((change) => (change.value as { en: string }).en);
  expect(titles.sort()).toEqual([
    'Rice straw biochar pilot',
    'Rice straw biochar pilot, phase 2',
    'Rice straw biochar pilot, phase 3',
    'Rice straw biochar pilot, phase 4',
  ]);
  // Malee's desk shows the activity once.
  await malee.goto('/#/activities');
  await expect(malee.getByRole('link', { name: 'Rice straw biochar pilot, phase 4' })).toHaveCount(1);
});

test('a record outside the officer’s countries is refused by the server, and the desk says which and why', async ({ browser }, testInfo) => {
  const malee = await enrolledDesk(browser, 'malee');
  const vietnamese = activityRecord('0194a3b0-0000-7000-8000-0000000000dd', 'Mekong delta salinity sensors', ['VN']);
  const file = testInfo.outputPath('vietnam.ndjson');
  writeFileSync(file, `${JSON.stringify(vietnamese)}\n`);
  await malee.goto('/#/data?action=import');
  await malee.getByTestId('import-file').setInputFiles(file);
  await expect(malee.getByTestId('report-stored')).toHaveText('1 record saved');

  // Nobody presses anything: the desk pushes by itself, and the refusal comes back as such.
  await malee.goto('/#/sync');
  await expect(malee.getByTestId('sync-status')).toHaveAttribute('data-state', 'attention', { timeout: 30_000 });
  const refused = malee.getByTestId('sync-refusal');
  await expect(refused.first()).toHaveAttribute('data-record', vietnamese.id);
  await expect(refused.first()).toHaveAttribute('data-reason', 'out-of-scope');
  await expect(refused.first()).toContainText('Mekong delta salinity sensors');
  await expect(refused.first()).toContainText('The record is not in your countries.');
  expect(await refused.evaluateAll((rows) => rows.every((row) => row.getAttribute('data-reason') === 'out-of-scope'))).toBe(true);

  // The server kept nothing of it: the Secretariat does not receive it.
  const auditor = await enrollAuditor(server.url, 'auditor', password);
  expect((await auditor.pullAll()).some((change) => change.recordId === vietnamese.id)).toBe(false);
});

test('a desk that loses the network waits quietly, and syncs by itself when the network returns', async ({ browser }, testInfo) => {
  const somchai = await enrolledDesk(browser, 'somchai');
  const malee = await enrolledDesk(browser, 'malee');
  const field = activityRecord('0194a3b0-0000-7000-8000-0000000000ee', 'Cassava starch dryer trial', ['TH']);
  const file = testInfo.outputPath('field.ndjson');
  writeFileSync(file, `${JSON.stringify(field)}\n`);
  const beforeImport = await lastSuccess(somchai);
  await somchai.goto('/#/data?action=import');
  await somchai.getByTestId('import-file').setInputFiles(file);
  await expect(somchai.getByTestId('report-stored')).toHaveText('1 record saved');
  await syncedAfter(somchai, beforeImport);

  // In the field, without a network: the edit is kept, nothing is tried, the pill says so.
  await somchai.context().setOffline(true);
  await somchai.goto('/#/sync');
  await expect(somchai.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  const beforeReturn = await lastSuccess(somchai);
  await editTitle(somchai, 'Cassava starch dryer trial, village 2', field.id);
  await syncNowAndSee(malee, 'Cassava starch dryer trial', field.id);

  // The network returns: the desk syncs by itself, and the edit reaches the other officer.
  await somchai.context().setOffline(false);
  await syncedAfter(somchai, beforeReturn);
  await syncNowAndSee(malee, 'Cassava starch dryer trial, village 2', field.id);
});
