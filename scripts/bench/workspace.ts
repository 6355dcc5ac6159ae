/**
 * The program workspace benchmark of `npm run bench` (`--only workspace`; issue 6): the screens a field
 * officer and a coordinator use every day, in Chromium on the built app, through the real UI, on the
 * generated demo data (--records program records of every kind, or --data):
 * - the people list (first rows) and its search by a native-script and by a romanized name;
 * - the field-report list (first rows) and its filter by review state;
 * - a training course's detail page with every section filled (until each section shows its rows);
 * - the review queue of a national coordinator: `reviewQueue(db, principal)` in the page (the renderer's
 *   own function, bundled in workspaceHarness.ts), the review page and the navigation's badge, on a desk
 *   whose enrollment is faked (a stored `net:enrollment`; kept offline, so no server is ever asked);
 * - the people list's spreadsheet export (XLSX and CSV), from the click to the file.
 * Each is compared with a floor: a plain Dexie read of the same rows, or the bare function behind it.
 * The store is filled once, through Data ▸ Import, in an in-memory browser profile (as the `app` part).
 * STEP_BENCH_PROFILE=1 adds one profiled opening of each screen, with its self time by function in the log.
 */
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { generateDemoRecords } from '@shared/demo/generate';
import type { CountryCode } from '@shared/domain';
import { toNdjsonLine } from '@shared/records/ndjson';
import { workflowStates, type WorkflowState } from '@shared/workflow';
import type { BenchOptions } from './args';
import { median, percentile, round } from './stats';
import type { StepWorkspaceBench } from './workspaceHarness';
import { sampleWorkspace, type WorkspaceSample } from './workspaceSample';

export interface WorkspaceBenchHelpers {
  log: (message: string) => void;
  bundleHarness: (entry: string) => Promise<string>;
}

/** What the desk promises on a field laptop (run.ts's budgets for the activity list), applied to these screens too. */
export const workspaceBudgets = { firstRowsMs: 300, searchP95Ms: 100 };

type HarnessWindow = { __stepWorkspaceBench: StepWorkspaceBench };
const harnessPath = '/bench-workspace-harness.js';
const navTimeoutMs = 120_000;

/**
 * Before any of the app's scripts: the desk is offline (the field's normal case; with a faked enrollment
 * the sync scheduler then never tries the server), and has no save dialog (exports download, as in the
 * e2e tests). When `sessionStorage['bench-watch']` is set, the time since the navigation started at which
 * the shell's navigation, the Review link (shown once the stored enrollment is read: the desk knows its
 * person) and the review badge first appear are noted (window.__workspaceMarks).
 */
const initScript = `
Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
Object.defineProperty(window, 'showSaveFilePicker', { value: undefined });
if (sessionStorage.getItem('bench-watch')) {
  const marks = (window.__workspaceMarks = {});
  const watch = { shell: 'nav.side-nav', principal: '[data-testid="nav-review"]', badge: '[data-testid="review-count"]' };
  const check = (observer) => {
    for (const [name, selector] of Object.entries(watch)) if (marks[name] === undefined && document.querySelector(selector)) marks[name] = performance.now();
    if (Object.keys(watch).every((name) => marks[name] !== undefined)) observer.disconnect();
  };
  document.addEventListener('DOMContentLoaded', () => {
    const observer = new MutationObserver(() => check(observer));
    observer.observe(document.body, { childList: true, subtree: true });
  });
}`;

async function writeDemoFile(file: string, records: number): Promise<void> {
  const stream = createWriteStream(file);
  for (const record of generateDemoRecords({ records, seed: 1, mix: 'program' })) {
    if (!stream.write(`${toNdjsonLine(record)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

async function harness(page: Page): Promise<void> {
  if (await page.evaluate(() => Boolean((window as unknown as Partial<HarnessWindow>).__stepWorkspaceBench))) return;
  await page.addScriptTag({ url: harnessPath });
}

/** Calls the page-side harness (workspaceHarness.ts), injecting it first if this page has not got it. */
async function call<K extends keyof StepWorkspaceBench>(page: Page, name: K, ...args: Parameters<StepWorkspaceBench[K]>): Promise<Awaited<ReturnType<StepWorkspaceBench[K]>>> {
  await harness(page);
  return page.evaluate(
    ([method, params]) => ((window as unknown as HarnessWindow).__stepWorkspaceBench[method] as (...a: unknown[]) => Promise<unknown>)(...(params as unknown[])),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<StepWorkspaceBench[K]>>>;
}

/** A fresh start of the desk on the settings page (nothing in memory), as a person opens it. */
async function coldStart(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/#/settings`);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/**
 * Clicks `click` (or moves to `hash`) and times, in the page, until each of `marks` (name → CSS selector)
 * is first in the document. Rejects naming what did not appear.
 */
async function timeMarks(page: Page, spec: { click?: string; hash?: string; marks: Record<string, string> }): Promise<Record<string, number>> {
  return page.evaluate(
    ({ click, hash, marks, timeoutMs }) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const found: Record<string, number> = {};
        const names = Object.keys(marks);
        let start = 0;
        const observer = new MutationObserver(() => check());
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`not shown within ${timeoutMs / 1000} s: ${names.filter((name) => found[name] === undefined).join(', ')}`));
        }, timeoutMs);
        const check = () => {
          for (const name of names) if (found[name] === undefined && document.querySelector(marks[name] as string)) found[name] = performance.now() - start;
          if (names.every((name) => found[name] !== undefined)) {
            observer.disconnect();
            clearTimeout(timer);
            resolve(found);
          }
        };
        observer.observe(document.body, { childList: true, subtree: true });
        start = performance.now();
        if (click) {
          const target = document.querySelector<HTMLElement>(click);
          if (!target) return reject(new Error(`nothing to click: ${click}`));
          target.click();
        } else location.hash = hash ?? '';
      }),
    { ...spec, timeoutMs: navTimeoutMs },
  );
}

/**
 * Changes a list's search box or select to `value` and times until the list says it shows `expected` rows
 * (the first number of its count sentence), or shows its "no match" state when `expected` is 0.
 */
async function timeListChange(page: Page, spec: { control: string; kind: 'input' | 'select'; value: string; count: string; noMatch: string; expected: number }): Promise<number> {
  return page.evaluate(
    ({ control, kind, value, count, noMatch, expected, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const element = document.querySelector<HTMLInputElement | HTMLSelectElement>(control);
        if (!element) return reject(new Error(`no ${control}`));
        const shown = () => {
          if (expected === 0) return document.querySelector(noMatch) !== null;
          const first = document.querySelector(count)?.textContent?.trim().split(/\s/)[0];
          return first !== undefined && Number(first.replace(/\D/g, '')) === expected;
        };
        if (shown()) return reject(new Error(`the list already shows ${expected} rows before ${JSON.stringify(value)}`));
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the list did not show ${expected} rows for ${JSON.stringify(value)} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - start);
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const prototype = kind === 'input' ? HTMLInputElement.prototype : HTMLSelectElement.prototype;
        const setValue = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
        const start = performance.now();
        setValue?.call(element, value);
        element.dispatchEvent(new Event(kind === 'input' ? 'input' : 'change', { bubbles: true }));
      }),
    { ...spec, timeoutMs: navTimeoutMs },
  );
}

/** Back to the unfiltered list (untimed): `value` '' and the count back at `total`. */
async function resetList(page: Page, spec: { control: string; kind: 'input' | 'select'; count: string; total: number }): Promise<void> {
  const already = await page.evaluate(({ count, total }) => Number(document.querySelector(count)?.textContent?.trim().split(/\s/)[0]?.replace(/\D/g, '')) === total, spec);
  if (!already) await timeListChange(page, { ...spec, value: '', noMatch: 'never', expected: spec.total });
}

interface ExportRun {
  ms: number;
  bytes: number;
  longestTaskMs: number;
}

/** Clicks an export button and times until the file's bytes are handed to the browser (the download link's click). */
async function timeExport(page: Page, format: 'csv' | 'xlsx'): Promise<ExportRun & { downloadedBytes: number }> {
  const download = page.waitForEvent('download', { timeout: navTimeoutMs });
  const run = await page.evaluate(
    (testId) =>
      new Promise<ExportRun>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
        if (!button) return reject(new Error(`no ${testId} button`));
        let bytes = 0;
        let longestTaskMs = 0;
        const tasks = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (longestTaskMs = Math.max(longestTaskMs, entry.duration))));
        tasks.observe({ type: 'longtask' });
        const createObjectURL = URL.createObjectURL.bind(URL);
        const anchorClick = HTMLAnchorElement.prototype.click;
        const restore = () => {
          URL.createObjectURL = createObjectURL;
          HTMLAnchorElement.prototype.click = anchorClick;
        };
        URL.createObjectURL = (object: Blob | MediaSource) => {
          if (object instanceof Blob) bytes = object.size;
          return createObjectURL(object);
        };
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          if (!this.download) return anchorClick.call(this);
          const ms = performance.now() - start;
          restore();
          anchorClick.call(this);
          // Long tasks are reported after they end: collect them a moment later (untimed).
          setTimeout(() => {
            tasks.takeRecords().forEach((entry) => (longestTaskMs = Math.max(longestTaskMs, entry.duration)));
            tasks.disconnect();
            resolve({ ms, bytes, longestTaskMs });
          }, 200);
        };
        setTimeout(() => {
          restore();
          reject(new Error(`no ${testId} file within 5 minutes`));
        }, 300_000);
        const start = performance.now();
        button.click();
      }),
    `export-${format}`,
  );
  const file = await download;
  const path = await file.path();
  const downloadedBytes = statSync(path).size;
  await file.delete();
  return { ...run, downloadedBytes };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a CPU profile's time went: self time by function (name, file, line), the largest first. */
export function profileSummary(profile: CpuProfile, top = 15): { totalMs: number; functions: { name: string; ms: number }[] } {
  const keyOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    keyOf.set(node.id, file ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}` : functionName);
  }
  const self = new Map<string, number>();
  let totalMs = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (profile.timeDeltas?.[i] ?? 0) / 1000;
    totalMs += ms;
    const key = keyOf.get(id) ?? '?';
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  const functions = [...self].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms).slice(0, top);
  return { totalMs, functions };
}

/**
 * With STEP_BENCH_PROFILE=1, one more run of `action` under Chromium's CPU profiler, and where its time
 * went in the log (not in the figures). Names are readable in an unminified build (vite build --minify false).
 */
async function profiled(page: Page, what: string, run: { prepare?: () => Promise<unknown>; action: () => Promise<unknown> }, log: (message: string) => void): Promise<void> {
  if (!process.env.STEP_BENCH_PROFILE) return;
  await run.prepare?.();
  const { action } = run;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const summary = profileSummary(profile as CpuProfile);
  log(`profile of ${what} (${round(summary.totalMs)} ms sampled), self time: ${summary.functions.map((f) => `${f.name} ${round(f.ms)}`).join('; ')}`);
}

const ms = (value: number) => `${round(value)} ms`;
const ratio = (value: number, floor: number) => round(value / floor, 1);

export async function workspace(browser: Browser, baseUrl: string, options: BenchOptions, work: string, helpers: WorkspaceBenchHelpers): Promise<Record<string, number>> {
  const { log } = helpers;
  let file = options.data;
  if (!file) {
    file = join(work, 'workspace.ndjson');
    log(`workspace: generating ${options.records} demo records of every kind…`);
    await writeDemoFile(file, options.records);
  }
  const sample = await sampleWorkspace(file, Math.max(3, Math.ceil(options.queries / 2)));
  log(`workspace: ${Object.entries(sample.counts).map(([kind, n]) => `${n} ${kind}`).join(', ')}`);
  const runs = Math.max(options.runs, 5);
  const figures: Record<string, number> = {};

  const bundle = await helpers.bundleHarness('scripts/bench/workspaceHarness.ts');
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript({ content: initScript });
  await context.route(`**${harnessPath}`, (route) => route.fulfill({ body: bundle, contentType: 'text/javascript' }));
  const page = await context.newPage();
  try {
    // The store, once, through Data ▸ Import (not timed here: the `app` part times imports).
    log('workspace: importing the records (Data ▸ Import)…');
    const importStart = Date.now();
    await page.goto(`${baseUrl}/#/data?action=import`);
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-report').waitFor({ timeout: 60 * 60_000 });
    if ((await page.getByTestId('import-report').getByRole('alert').count()) > 0) log(`warning: workspace: the import stopped: ${(await page.getByTestId('report-stored').textContent())?.trim()}`);
    // Every screen below is of these records: a record refused (a review step, say) would change what they measure.
    const rejected = (await page.getByTestId('report-rejected').textContent())?.trim() ?? '';
    if (!/^0 /.test(rejected)) {
      const first = (await page.locator('[data-testid="import-report"] .errors-table tbody tr').first().textContent().catch(() => null))?.trim();
      throw new Error(`the import rejected records: ${rejected}${first ? ` (the first: ${first})` : ''}`);
    }
    const stored = await call(page, 'counts');
    log(`workspace: imported in ${round((Date.now() - importStart) / 1000)} s; the store holds ${JSON.stringify(stored)}`);
    figures.workspace_people = stored.people as number;
    figures.workspace_field_reports = stored.fieldReports as number;
    figures.workspace_approvals = stored.approvals as number;

    Object.assign(figures, await peopleList(page, baseUrl, sample, runs, log));
    Object.assign(figures, await fieldReportList(page, baseUrl, runs, log));
    Object.assign(figures, await activityDetail(page, baseUrl, sample, runs, log));
    Object.assign(figures, await peopleExport(page, baseUrl, options.runs, log));
    Object.assign(figures, await reviewQueue(page, baseUrl, sample, runs, log));
  } finally {
    await context.close();
  }
  for (const name of ['people_first_rows_ms', 'field_reports_first_rows_ms'] as const) {
    if (figures[name] !== undefined && (figures[name] as number) >= workspaceBudgets.firstRowsMs) log(`workspace: over the field-laptop budget: ${name} = ${figures[name]} (budget: under ${workspaceBudgets.firstRowsMs})`);
  }
  for (const name of ['people_search_native_p95_ms', 'people_search_romanized_p95_ms', 'field_reports_filter_p95_ms'] as const) {
    if (figures[name] !== undefined && (figures[name] as number) >= workspaceBudgets.searchP95Ms) log(`workspace: over the field-laptop budget: ${name} = ${figures[name]} (budget: under ${workspaceBudgets.searchP95Ms})`);
  }
  return figures;
}

async function peopleList(page: Page, baseUrl: string, sample: WorkspaceSample, runs: number, log: (message: string) => void): Promise<Record<string, number>> {
  const first: number[] = [];
  const reads: number[] = [];
  const loads: Awaited<ReturnType<StepWorkspaceBench['peopleLoad']>>[] = [];
  const openPeople = () => timeMarks(page, { click: 'nav a[href="#/people"]', marks: { firstRow: '[data-testid="person-row"]' } });
  for (let run = 1; run <= runs; run += 1) {
    await coldStart(page, baseUrl);
    const marks = await openPeople();
    first.push(marks.firstRow as number);
    // The floors, after the list is up (untimed by the list): the plain read, and the list's own load in phases.
    reads.push((await call(page, 'plainRead', 'people')).ms);
    loads.push(await call(page, 'peopleLoad'));
    log(`people list run ${run}: first rows ${ms(marks.firstRow as number)}; plain read ${ms(reads.at(-1) as number)}; load: people ${ms(loads.at(-1)!.peopleMs)}, organizations ${ms(loads.at(-1)!.organizationsMs)}, index ${ms(loads.at(-1)!.indexMs)}`);
  }
  await profiled(page, 'the people list (click to first rows)', { prepare: () => coldStart(page, baseUrl), action: openPeople }, log);
  const total = loads[0]?.people ?? 0;
  const figures: Record<string, number> = {
    people_first_rows_ms: round(median(first)),
    people_read_ms: round(median(reads)),
    people_first_rows_vs_read_ratio: ratio(median(first), median(reads)),
    people_load_people_ms: round(median(loads.map((l) => l.peopleMs))),
    people_load_organizations_ms: round(median(loads.map((l) => l.organizationsMs))),
    people_load_index_ms: round(median(loads.map((l) => l.indexMs))),
  };

  // Search: the list is open; each query from the empty box, timed until the count says the right number.
  const search = { control: '[data-testid="person-search"]', kind: 'input' as const, count: '[data-testid="person-count"]', noMatch: '[data-testid="people-no-match"]' };
  const bySort: Record<'native' | 'romanized', number[]> = { native: [], romanized: [] };
  const filters: number[] = [];
  for (const sort of ['native', 'romanized'] as const) {
    for (const query of sample.queries[sort]) {
      const expected = await call(page, 'peopleMatches', query);
      if (expected.count === total) continue;
      await resetList(page, { ...search, total });
      bySort[sort].push(await timeListChange(page, { ...search, value: query, expected: expected.count }));
      filters.push(expected.filterMs);
    }
    log(`people search, ${sort}: ${bySort[sort].length} queries (e.g. ${sample.queries[sort].slice(0, 4).map((q) => JSON.stringify(q)).join(', ')}): median ${ms(median(bySort[sort]))}, p95 ${ms(percentile(bySort[sort], 95))}`);
  }
  await resetList(page, { ...search, total });
  const all = [...bySort.native, ...bySort.romanized];
  return {
    ...figures,
    people_search_native_median_ms: round(median(bySort.native)),
    people_search_native_p95_ms: round(percentile(bySort.native, 95)),
    people_search_romanized_median_ms: round(median(bySort.romanized)),
    people_search_romanized_p95_ms: round(percentile(bySort.romanized, 95)),
    people_search_filter_median_ms: round(median(filters), 2),
    people_search_vs_filter_ratio: ratio(median(all), median(filters)),
  };
}

async function fieldReportList(page: Page, baseUrl: string, runs: number, log: (message: string) => void): Promise<Record<string, number>> {
  const first: number[] = [];
  const reads: number[] = [];
  const loads: Awaited<ReturnType<StepWorkspaceBench['fieldReportsLoad']>>[] = [];
  const openReports = () => timeMarks(page, { click: 'nav a[href="#/field-reports"]', marks: { firstRow: '[data-testid="fr-row"]' } });
  for (let run = 1; run <= runs; run += 1) {
    await coldStart(page, baseUrl);
    const marks = await openReports();
    first.push(marks.firstRow as number);
    reads.push((await call(page, 'plainRead', 'fieldReports')).ms);
    const load = await call(page, 'fieldReportsLoad');
    loads.push(load);
    log(
      `field-report list run ${run}: first rows ${ms(marks.firstRow as number)}; plain read ${ms(reads.at(-1) as number)}; ` +
        `listFieldReports ${ms(load.totalMs)} (reports ${ms(load.reportsMs)}, authors ${ms(load.authorsMs)} over ${load.authorChanges} changes [in one getAll: ${ms(load.authorsGetAllMs)}; the creation changes alone, by key: ${ms(load.authorsByKeyMs)}], ` +
        `approvals ${ms(load.approvalsMs)}, titles ${ms(load.titlesMs)})`,
    );
  }
  await profiled(page, 'the field-report list (click to first rows)', { prepare: () => coldStart(page, baseUrl), action: openReports }, log);
  const total = loads[0]?.rows ?? 0;
  const filter = { control: '[data-testid="fr-filter-state"]', kind: 'select' as const, count: '[data-testid="fr-count"]', noMatch: '[data-testid="fr-no-match"]' };
  const times: number[] = [];
  const filters: number[] = [];
  for (let pass = 0; pass < 2; pass += 1) {
    for (const state of workflowStates as readonly WorkflowState[]) {
      const expected = await call(page, 'fieldReportsMatching', state);
      if (expected.count === total) continue;
      await resetList(page, { ...filter, total });
      times.push(await timeListChange(page, { ...filter, value: state, expected: expected.count }));
      filters.push(expected.filterMs);
    }
  }
  await resetList(page, { ...filter, total });
  log(`field-report filter by state: ${times.length} changes, median ${ms(median(times))}, p95 ${ms(percentile(times, 95))}`);
  return {
    field_reports_first_rows_ms: round(median(first)),
    field_reports_read_ms: round(median(reads)),
    field_reports_first_rows_vs_read_ratio: ratio(median(first), median(reads)),
    field_reports_load_ms: round(median(loads.map((l) => l.totalMs))),
    field_reports_load_authors_ms: round(median(loads.map((l) => l.authorsMs))),
    field_reports_load_authors_get_all_ms: round(median(loads.map((l) => l.authorsGetAllMs))),
    field_reports_load_authors_by_key_ms: round(median(loads.map((l) => l.authorsByKeyMs))),
    field_reports_load_approvals_ms: round(median(loads.map((l) => l.approvalsMs))),
    field_reports_load_titles_ms: round(median(loads.map((l) => l.titlesMs))),
    field_reports_filter_median_ms: round(median(times)),
    field_reports_filter_p95_ms: round(percentile(times, 95)),
    field_reports_filter_floor_ms: round(median(filters), 2),
  };
}

/** The detail page's sections, and what each shows once read (the page waits for every one). */
function detailMarks(related: Record<string, number>): Record<string, string> {
  const has = (kind: string) => (related[kind] ?? 0) > 0;
  return {
    heading: '[data-testid="activity-detail"] h1',
    review: '[data-testid="workflow-panel"]',
    partners: has('participatingOrganization') ? '[data-testid="partner-row"]' : '[data-testid="partners-empty"]',
    participants: has('participation') ? '[data-testid="participant-row"]' : '[data-testid="participants-empty"]',
    // The totals' heading is there only once the section has read its budgets and transactions.
    finance: '[data-testid="finance-section"] h3',
    results: has('indicatorPeriod') ? '[data-testid="period-row"]' : has('result') ? '[data-testid="result-item"]' : '[data-testid="results-section"]',
    fieldReports: has('fieldReport') ? '[data-testid="activity-field-report"]' : '[data-testid="activity-field-reports"]',
    documents: has('document') ? '[data-testid="document-row"]' : '[data-testid="documents-empty"]',
    history: '[data-testid="history-entry"], [data-testid="history-empty"]',
  };
}

async function activityDetail(page: Page, baseUrl: string, sample: WorkspaceSample, runs: number, log: (message: string) => void): Promise<Record<string, number>> {
  if (!sample.activity) {
    log('workspace: no activity in the data: the detail page is not measured');
    return {};
  }
  const { id, kind, related } = sample.activity;
  log(`activity detail: ${kind} ${id} with ${Object.entries(related).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  const marks = detailMarks(related);
  const runsMarks: Record<string, number>[] = [];
  const reads: number[] = [];
  const reportLoads: Awaited<ReturnType<StepWorkspaceBench['activityReportsLoad']>>[] = [];
  let rows = 0;
  for (let run = 1; run <= runs; run += 1) {
    await coldStart(page, baseUrl);
    const found = await timeMarks(page, { hash: `#/activities/${id}`, marks });
    runsMarks.push(found);
    const floor = await call(page, 'detailReads', id);
    reads.push(floor.ms);
    rows = floor.rows;
    const reports = await call(page, 'activityReportsLoad', id);
    reportLoads.push(reports);
    const all = Math.max(...Object.values(found));
    log(
      `activity detail run ${run}: every section ${ms(all)} (${Object.entries(found).map(([name, t]) => `${name} ${round(t)}`).join(', ')}); plain reads ${ms(floor.ms)} (${floor.rows} rows); ` +
        `its field reports' read ${ms(reports.loadMs)} for ${reports.reports} (plain: ${ms(reports.plainMs)})`,
    );
  }
  await profiled(page, 'the activity detail page (every section)', { prepare: () => coldStart(page, baseUrl), action: () => timeMarks(page, { hash: `#/activities/${id}`, marks }) }, log);
  const all = median(runsMarks.map((found) => Math.max(...Object.values(found))));
  const figures: Record<string, number> = {
    activity_detail_ms: round(all),
    activity_detail_reads_ms: round(median(reads)),
    activity_detail_rows: rows,
    activity_detail_vs_reads_ratio: ratio(all, median(reads)),
    activity_detail_reports_load_ms: round(median(reportLoads.map((r) => r.loadMs))),
    activity_detail_reports_plain_ms: round(median(reportLoads.map((r) => r.plainMs)), 2),
  };
  for (const name of Object.keys(marks)) figures[`activity_detail_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_ms`] = round(median(runsMarks.map((found) => found[name] as number)));
  return figures;
}

async function peopleExport(page: Page, baseUrl: string, runs: number, log: (message: string) => void): Promise<Record<string, number>> {
  await coldStart(page, baseUrl);
  await timeMarks(page, { click: 'nav a[href="#/people"]', marks: { list: '[data-testid="person-row"]', button: '[data-testid="export-xlsx"]' } });
  const figures: Record<string, number> = {};
  for (const format of ['xlsx', 'csv'] as const) {
    const exports: Awaited<ReturnType<typeof timeExport>>[] = [];
    const floors: Awaited<ReturnType<StepWorkspaceBench['exportFloor']>>[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const exported = await timeExport(page, format);
      if (exported.downloadedBytes !== exported.bytes) throw new Error(`the ${format} file has ${exported.downloadedBytes} bytes, the page made ${exported.bytes}`);
      exports.push(exported);
      const floor = await call(page, 'exportFloor', format);
      floors.push(floor);
      log(
        `people export ${format} run ${run}: ${ms(exported.ms)} to the file (${exported.bytes} bytes, longest task ${ms(exported.longestTaskMs)}); ` +
          `floor: read ${ms(floor.readMs)}, rows ${ms(floor.rowsMs)}, serialize ${ms(floor.serializeMs)} (${floor.bytes} bytes, ${floor.rows} rows)`,
      );
    }
    await profiled(page, `the people export (${format})`, { action: () => timeExport(page, format) }, log);
    const took = median(exports.map((e) => e.ms));
    const read = median(floors.map((f) => f.readMs));
    // The list holds its rows already when the button is clicked: the floor is making the rows' cells and the file.
    const floor = median(floors.map((f) => f.rowsMs + f.serializeMs));
    Object.assign(figures, {
      [`people_export_${format}_ms`]: round(took),
      [`people_export_${format}_bytes`]: exports[0]?.bytes ?? 0,
      [`people_export_${format}_longest_task_ms`]: round(median(exports.map((e) => e.longestTaskMs))),
      [`people_export_${format}_floor_ms`]: round(floor),
      [`people_export_${format}_serialize_ms`]: round(median(floors.map((f) => f.serializeMs))),
      [`people_export_${format}_vs_read_ratio`]: ratio(took, read),
      [`people_export_${format}_vs_floor_ratio`]: ratio(took, floor),
    });
  }
  return figures;
}

async function reviewQueue(page: Page, baseUrl: string, sample: WorkspaceSample, runs: number, log: (message: string) => void): Promise<Record<string, number>> {
  if (!sample.coordinator) {
    log('workspace: no record waits for a coordinator in the data: the review queue is not measured');
    return {};
  }
  const country = sample.coordinator.country as CountryCode;
  const user = { id: `coordinator.${country.toLowerCase()}`, displayName: `Bench coordinator ${country}`, role: 'national-coordinator' as const, countries: [country] };
  const principal = { userId: user.id, role: user.role, countries: user.countries };

  // The function itself, on the store as imported (before the enrollment: it takes the principal as an argument).
  await coldStart(page, baseUrl);
  const timing = await call(page, 'review', principal, 20);
  const approvalReads: number[] = [];
  for (let read = 0; read < 5; read += 1) approvalReads.push((await call(page, 'plainRead', 'approvals')).ms);
  const approvalsRead = { ms: median(approvalReads) };
  log(
    `reviewQueue for the coordinator of ${country}: ${timing.waiting} waiting; median ${ms(median(timing.queueMs))} (reviewOverview ${ms(median(timing.overviewMs))}); ` +
      `parts: read ${timing.parts.approvals} approvals ${ms(timing.parts.readMs)}, fold into ${timing.parts.folded} records ${ms(timing.parts.foldMs)}, recordMeta of ${timing.parts.candidates} ${ms(timing.parts.metaMs)}; plain read ${ms(approvalsRead.ms)}`,
  );

  // The desk as that coordinator's: the enrollment stored, then every start watched for the badge.
  await call(page, 'fakeEnrollment', user);
  await page.evaluate(() => sessionStorage.setItem('bench-watch', '1'));
  const badges: { shell: number; principal: number; badge: number }[] = [];
  const pages: number[] = [];
  for (let run = 1; run <= runs; run += 1) {
    await page.goto(`${baseUrl}/#/settings`);
    await page.reload();
    await page.getByTestId('review-count').waitFor({ timeout: navTimeoutMs });
    const marks = await page.evaluate(() => (window as unknown as { __workspaceMarks: { shell: number; principal: number; badge: number } }).__workspaceMarks);
    const count = await page.getByTestId('review-count').textContent();
    badges.push(marks);
    // The review page, once the start's work (the badge) is done.
    const found = await timeMarks(page, { click: '[data-testid="nav-review"]', marks: { queue: timing.waiting > 0 ? '[data-testid="queue-item"]' : '[data-testid="queue-empty"]' } });
    pages.push(found.queue as number);
    const items = await page.getByTestId('queue-item').count();
    log(`review run ${run}: shell ${ms(marks.shell)}, Review link ${ms(marks.principal)}, badge (${count}) ${ms(marks.badge)} after the navigation started; review page ${ms(found.queue as number)} (${items} rows)`);
  }
  await profiled(
    page,
    'a start of the enrolled desk (reload to the badge)',
    {
      prepare: () => page.goto(`${baseUrl}/#/settings`),
      action: async () => {
        await page.reload();
        await page.getByTestId('review-count').waitFor({ timeout: navTimeoutMs });
      },
    },
    log,
  );
  await profiled(page, 'the review page (click to the queue)', { action: () => timeMarks(page, { click: '[data-testid="nav-review"]', marks: { queue: '[data-testid="queue-item"], [data-testid="queue-empty"]' } }) }, log);
  await page.evaluate(() => sessionStorage.removeItem('bench-watch'));
  const queue = median(timing.queueMs);
  const badgeAfterShell = median(badges.map((b) => b.badge - b.shell));
  return {
    review_waiting: timing.waiting,
    review_approvals: timing.parts.approvals,
    review_queue_ms: round(queue, 2),
    review_queue_p95_ms: round(percentile(timing.queueMs, 95), 2),
    review_overview_ms: round(median(timing.overviewMs), 2),
    review_approvals_read_ms: round(approvalsRead.ms, 2),
    review_queue_vs_read_ratio: ratio(queue, approvalsRead.ms),
    review_queue_read_ms: round(timing.parts.readMs, 2),
    review_queue_fold_ms: round(timing.parts.foldMs, 2),
    review_queue_meta_ms: round(timing.parts.metaMs, 2),
    review_page_ms: round(median(pages)),
    review_badge_ms: round(median(badges.map((b) => b.badge))),
    review_shell_ms: round(median(badges.map((b) => b.shell))),
    review_badge_after_shell_ms: round(badgeAfterShell),
    review_link_ms: round(median(badges.map((b) => b.principal))),
    review_badge_after_link_ms: round(median(badges.map((b) => b.badge - b.principal))),
  };
}
