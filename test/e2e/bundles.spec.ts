import { writeFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { activityRecord } from './support';
import { enrollAuditor } from '../support/auditor';
import { ServerProcess } from '../support/serverProcess';

/**
 * The USB round trip, with three computers (browser profiles): two field officers of Thailand, offline
 * after their enrollment, and their national coordinator. Each officer exports a bundle; the coordinator
 * imports both (seeing the dry run first), relays everything to the Secretariat's server, and sends each
 * officer a return bundle carrying the other's work and the Secretariat's acknowledgement. Every bundle
 * travels as a file, as on a stick.
 */
const password = 'correct horse battery staple';
const passphrase = 'mango sticky rice at noon';
const users = [
  { username: 'somchai', displayName: 'Somchai Phanit', role: 'field-officer' },
  { username: 'malee', displayName: 'Malee Srisuk', role: 'field-officer' },
  { username: 'nok', displayName: 'Nok Chaiyaporn', role: 'national-coordinator' },
  { username: 'dao', displayName: 'Dao Rattanakul', role: 'field-officer' },
  { username: 'ploy', displayName: 'Ploy Wongsawat', role: 'national-coordinator' },
] as const;
const somchaiActivity = activityRecord('0194a3b0-0000-7000-8000-0000000000d1', 'Cassava starch cooperative', ['TH']);
const maleeActivity = activityRecord('0194a3b0-0000-7000-8000-0000000000d2', 'Mangrove carbon survey', ['TH']);
const daoActivity = activityRecord('0194a3b0-0000-7000-8000-0000000000d3', 'Rubber smallholder training', ['TH']);

let server: ServerProcess;

test.beforeAll(async () => {
  server = new ServerProcess();
  for (const user of users) server.cli(['user', 'add', '--username', user.username, '--display-name', user.displayName, '--role', user.role, '--countries', 'TH'], { password });
  server.cli(['user', 'add', '--username', 'auditor', '--display-name', 'Secretariat auditor', '--role', 'secretariat'], { password });
  await server.start();
});

test.afterAll(async () => {
  await server?.stop();
});

interface Desk {
  context: BrowserContext;
  page: Page;
}

/** Whatever the Content Security Policy refused on any desk (a font inlined as data:, a script): none. */
const cspViolations: string[] = [];

async function enrolledDesk(browser: Browser, username: string): Promise<Desk> {
  const context = await browser.newContext({ acceptDownloads: true });
  // The File System Access API's save dialog cannot be answered headless: take the download path.
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${username}: ${message.text()}`);
  });
  await page.goto('/#/sync');
  await page.getByTestId('sync-server-url').fill(server.url);
  await page.getByTestId('sync-username').fill(username);
  await page.getByTestId('sync-password').fill(password);
  await page.getByTestId('sync-sign-in').click();
  await page.getByTestId('sync-enroll').click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
  return { context, page };
}

async function importRecord(page: Page, file: string, record: object): Promise<void> {
  writeFileSync(file, `${JSON.stringify(record)}\n`);
  await page.goto('/#/data?action=import');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('report-stored')).toHaveText('1 record saved');
}

/** Exports a bundle for `recipient` (an option's visible label) and saves it at `path`. */
async function exportBundle(page: Page, recipient: RegExp, path: string, options: { passphrase?: string } = {}): Promise<void> {
  await page.goto('/#/bundles');
  const select = page.getByTestId('export-recipient');
  const label = (await select.locator('option').allTextContents()).find((text) => recipient.test(text));
  if (!label) throw new Error(`no recipient matches ${recipient}: ${(await select.locator('option').allTextContents()).join(' | ')}`);
  await select.selectOption({ label });
  if (options.passphrase) {
    await page.getByTestId('export-passphrase').fill(options.passphrase);
    await page.getByTestId('export-passphrase-confirm').fill(options.passphrase);
  }
  const download = page.waitForEvent('download');
  await page.getByTestId('export-button').click();
  await page.getByTestId('bundle-save-button').click();
  await (await download).saveAs(path);
}

/** Opens a bundle file; answers the dry-run summary's figures once it is shown. */
async function openBundle(page: Page, path: string, options: { passphrase?: string } = {}): Promise<Record<string, string>> {
  await page.goto('/#/bundles');
  await page.getByTestId('bundle-file-input').setInputFiles(path);
  if (options.passphrase) {
    await page.getByTestId('bundle-passphrase').fill(options.passphrase);
    await page.getByTestId('bundle-passphrase-submit').click();
  }
  const summary = page.getByTestId('bundle-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  const figures: Record<string, string> = {};
  for (const name of ['new', 'updated', 'conflicts', 'rejected', 'known']) figures[name] = (await summary.getByTestId(`summary-${name}`).textContent())?.trim() ?? '';
  return figures;
}

async function applyBundle(page: Page): Promise<void> {
  await page.getByTestId('bundle-apply').click();
  await expect(page.getByTestId('bundle-result')).toBeVisible({ timeout: 30_000 });
}

async function seesActivity(page: Page, record: { id: string; title: { en: string } }): Promise<void> {
  await page.goto(`/#/activities/${record.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(record.title.en);
}

test('officers → coordinator → Secretariat and back, by files: data and acknowledgements arrive', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const somchai = await enrolledDesk(browser, 'somchai');
  const malee = await enrolledDesk(browser, 'malee');
  const nok = await enrolledDesk(browser, 'nok');
  // The officers go to the field: no network from here on.
  await somchai.context.setOffline(true);
  await malee.context.setOffline(true);

  await importRecord(somchai.page, testInfo.outputPath('somchai.ndjson'), somchaiActivity);
  await importRecord(malee.page, testInfo.outputPath('malee.ndjson'), maleeActivity);

  // First contact: the officers do not know the coordinator's key yet, so a passphrase protects the stick.
  const fromSomchai = testInfo.outputPath('somchai-to-nok.stepbundle');
  const fromMalee = testInfo.outputPath('malee-to-nok.stepbundle');
  await exportBundle(somchai.page, /passphrase/i, fromSomchai, { passphrase });
  await exportBundle(malee.page, /passphrase/i, fromMalee, { passphrase });

  // The coordinator sees what each bundle would do before anything is applied.
  const dryRun = await openBundle(nok.page, fromSomchai, { passphrase });
  expect(dryRun.new).toBe('1');
  expect(dryRun.rejected).toBe('0');
  await applyBundle(nok.page);
  await openBundle(nok.page, fromMalee, { passphrase });
  await applyBundle(nok.page);
  await seesActivity(nok.page, somchaiActivity);
  await seesActivity(nok.page, maleeActivity);

  // The same bundle again: everything is already known, nothing changes.
  const again = await openBundle(nok.page, fromSomchai, { passphrase });
  expect(again.new).toBe('0');
  expect(Number(again.known)).toBeGreaterThan(0);

  // Relay to the Secretariat: a bundle for the server, sent from the coordinator's desk.
  const toServer = testInfo.outputPath('nok-to-server.stepbundle');
  await exportBundle(nok.page, /secretariat/i, toServer);
  await nok.page.goto('/#/bundles');
  await nok.page.getByTestId('bundle-file-input').setInputFiles(toServer);
  await nok.page.getByTestId('bundle-upload').click();
  await expect(nok.page.getByTestId('bundle-result')).toBeVisible({ timeout: 30_000 });

  const auditor = await enrollAuditor(server.url, 'auditor', password);
  const onServer = await auditor.pullAll();
  for (const record of [somchaiActivity, maleeActivity]) expect(onServer.some((change) => change.recordId === record.id && change.field === 'title')).toBe(true);

  // The return trip: each officer gets the other's work and learns that theirs reached the Secretariat.
  for (const [officer, name, own, other] of [
    [somchai, 'Somchai', somchaiActivity, maleeActivity],
    [malee, 'Malee', maleeActivity, somchaiActivity],
  ] as const) {
    const back = testInfo.outputPath(`nok-to-${name}.stepbundle`);
    await exportBundle(nok.page, new RegExp(name), back);
    const summary = await openBundle(officer.page, back);
    expect(summary.new).toBe('1');
    await applyBundle(officer.page);
    await seesActivity(officer.page, other);
    await seesActivity(officer.page, own);
    await officer.page.goto('/#/bundles');
    await expect(officer.page.getByTestId('bundle-acks-server')).toHaveAttribute('data-complete', 'true');
  }
  expect(cspViolations).toEqual([]);
});

/** Today on this computer's calendar (YYYY-MM-DD). */
function today(): string {
  const day = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

test("a coordinator's network sync relays the officer's changes she holds from a bundle before her own: her approval is accepted", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const dao = await enrolledDesk(browser, 'dao');
  const ploy = await enrolledDesk(browser, 'ploy');
  // The officer is in the field: he records and submits a field report offline.
  await dao.context.setOffline(true);
  await importRecord(dao.page, testInfo.outputPath('dao.ndjson'), daoActivity);
  await dao.page.goto('/#/field-reports/new');
  await dao.page.getByTestId('fr-activity').fill('Rubber');
  await dao.page.getByRole('option', { name: /Rubber smallholder training/ }).click();
  await dao.page.getByTestId('fr-visit-date').fill(today());
  await dao.page.getByTestId('fr-latitude').fill('7.0086');
  await dao.page.getByTestId('fr-longitude').fill('100.4747');
  await dao.page.getByTestId('fr-narrative').fill('Tapping schedule agreed with twelve smallholders.');
  await dao.page.getByTestId('fr-save').click();
  await expect(dao.page.getByTestId('fr-detail')).toBeVisible();
  const reportId = /#\/field-reports\/([^/?]+)$/.exec(dao.page.url())?.[1];
  if (!reportId) throw new Error(`not on a field report's page: ${dao.page.url()}`);
  await dao.page.getByTestId('workflow-submit').click();
  await dao.page.getByTestId('workflow-confirm').click();
  await expect(dao.page.getByTestId('workflow-state')).toHaveAttribute('data-state', 'submitted');
  const fromDao = testInfo.outputPath('dao-to-ploy.stepbundle');
  await exportBundle(dao.page, /passphrase/i, fromDao, { passphrase });

  // The coordinator imports his bundle and approves the report: the report is known only to her desk.
  await openBundle(ploy.page, fromDao, { passphrase });
  await applyBundle(ploy.page);
  await ploy.page.goto(`/#/field-reports/${reportId}`);
  await expect(ploy.page.getByTestId('workflow-state')).toHaveAttribute('data-state', 'submitted');
  await ploy.page.getByTestId('workflow-approve').click();
  await ploy.page.getByTestId('workflow-confirm').click();
  await expect(ploy.page.getByTestId('workflow-state')).toHaveAttribute('data-state', 'approved');

  // Her desk syncs by network (no hand upload): his changes go first, so her approval is accepted.
  await ploy.page.goto('/#/sync');
  const before = (await ploy.page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '';
  await ploy.page.getByTestId('sync-now').click();
  await expect.poll(async () => (await ploy.page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '', { timeout: 30_000 }).not.toBe(before);
  await expect(ploy.page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
  await expect(ploy.page.getByTestId('sync-refusals')).toHaveCount(0);
  // The relay is logged as an upload to the server, with nothing refused.
  await ploy.page.goto('/#/bundles');
  const uploads = ploy.page.locator('[data-testid="bundle-log-entry"][data-direction="upload"]');
  await expect(uploads).toHaveCount(1);
  await expect(uploads).toHaveAttribute('data-result', 'ok');

  const auditor = await enrollAuditor(server.url, 'auditor', password);
  const onServer = await auditor.pullAll();
  expect(onServer.some((change) => change.recordId === reportId && change.entity === 'fieldReport')).toBe(true);
  const approvals = onServer.filter((change) => change.entity === 'approval' && change.field === 'action' && onServer.some((other) => other.recordId === change.recordId && other.field === 'target' && (other.value as { recordId?: string } | null)?.recordId === reportId));
  expect(approvals.map((change) => change.value).sort()).toEqual(['approve', 'submit']);

  // A second round finds nothing beyond the server's acknowledgement: no second upload.
  await ploy.page.goto('/#/sync');
  const second = (await ploy.page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '';
  await ploy.page.getByTestId('sync-now').click();
  await expect.poll(async () => (await ploy.page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '', { timeout: 30_000 }).not.toBe(second);
  await ploy.page.goto('/#/bundles');
  await expect(ploy.page.getByTestId('bundle-log')).toBeVisible();
  await expect(uploads).toHaveCount(1);
});
