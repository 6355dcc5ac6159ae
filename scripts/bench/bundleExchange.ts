/**
 * The sync bundle benchmark of `npm run bench` (`--only bundle`; issue 5): export and import of a full
 * bundle of N records (--records, or the records of --data) between two desks in Chromium, through the
 * desk's own code on its real IndexedDB store (bundleExchangeHarness.ts), with:
 * - the bundle's size against the same records as NDJSON (`toNdjsonLine`, one line each) gzipped by
 *   Node's zlib at level 6, and where its bytes go (chunks, manifest, certificates, zip);
 * - the import against its floor: a plain Dexie bulkPut of the same records into a fresh database of the
 *   same schema, one transaction (referenceHarness.ts), in the same browser profile;
 * - a second import of the same bundle (idempotence: nothing applied).
 * The browser profile is on disk (a persistent context in the run's temporary directory), as the desktop
 * app's is: two desks of 100,000 records each with their change logs do not fit Playwright's in-memory
 * profile (docs/performance.md § Sync).
 */
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { defaultChunkChanges } from '@shared/bundle/format';
import { generateDemoRecords } from '@shared/demo/generate';
import { toNdjsonLine } from '@shared/records/ndjson';
import { chromiumArgs, findChromium } from '../chromium.mjs';
import type { BenchOptions } from './args';
import type { ExportReport, ImportReport, StepBundleBench } from './bundleExchangeHarness';
import { median, round } from './stats';

export interface BundleBenchHelpers {
  log: (message: string) => void;
  bundleHarness: (entry: string) => Promise<string>;
}

/** The aims: export under 3 s, import within 1.5× the bulkPut floor, size within 1.1× gzipped NDJSON. */
export const bundleAims = { exportMs: 3_000, importVsBulkPut: 1.5, sizeVsGzipNdjson: 1.1 };

const recordsPath = '/bench-bundle-records.ndjson';
type BundleWindow = { __stepBundleBench: StepBundleBench; __stepBench: { bulkPutReference(url: string): Promise<{ bulkPutMs: number; records: number }> } };

async function writeRecords(file: string, records: number): Promise<void> {
  const stream = createWriteStream(file);
  for (const record of generateDemoRecords({ records, seed: 1, mix: 'program' })) {
    if (!stream.write(`${toNdjsonLine(record)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) count += 1;
  return count;
}

const mb = (bytes: number) => `${round(bytes / 1e6, 2)} MB`;
const ms = (value: number) => `${round(value, 0)} ms`;
const pick = <T>(reports: readonly T[], of: (report: T) => number) => median(reports.map(of));

function exportLine(report: ExportReport): string {
  return `${ms(report.totalMs)} (read ${ms(report.readMs)}, seal ${ms(report.sealMs)}, deflate+encrypt ${ms(report.encryptMs)}, zip ${ms(report.zipMs)}, other ${ms(report.otherMs)}); ${report.changes} changes in ${report.chunks} chunks, ${mb(report.sizes.fileBytes)}`;
}

export async function bundleExchange(baseUrl: string, options: BenchOptions, work: string, helpers: BundleBenchHelpers): Promise<Record<string, number>> {
  const { log } = helpers;
  let recordsFile = options.data;
  if (!recordsFile) {
    recordsFile = join(work, 'bundle-records.ndjson');
    log(`bundle: generating ${options.records} demo records of every kind…`);
    await writeRecords(recordsFile, options.records);
  }
  const ndjsonBytes = statSync(recordsFile).size;
  const gzipNdjsonBytes = gzipSync(readFileSync(recordsFile), { level: 6 }).length;
  const lines = await countLines(recordsFile);

  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found: install Debian's chromium or set CHROMIUM_PATH");
  // The harness is injected as an inline script, which the app's CSP rightly forbids: bypass it here only.
  const context = await chromium.launchPersistentContext(join(work, 'bundle-profile'), { executablePath, args: chromiumArgs(), bypassCSP: true });
  try {
    // tsx's keepNames helper, as in run.ts's withNameShim.
    await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
    await context.route(`**${recordsPath}`, (route) => route.fulfill({ path: recordsFile, contentType: 'application/x-ndjson' }));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseUrl}/#/settings`);
    await page.addScriptTag({ content: await helpers.bundleHarness('scripts/bench/bundleExchangeHarness.ts') });
    await page.addScriptTag({ content: await helpers.bundleHarness('scripts/bench/referenceHarness.ts') });

    log(`bundle: seeding the exporting desk with ${lines} records through the repository (not timed)…`);
    const seed = await page.evaluate((url) => (window as unknown as BundleWindow).__stepBundleBench.seedSource(url), recordsPath);
    if (seed.rejected > 0 || seed.records !== lines) throw new Error(`bundle: the seed stored ${seed.records} of ${lines} records (${seed.rejected} rejected)`);
    log(`bundle: seeded ${seed.records} records, ${seed.changes} changes in ${ms(seed.seedMs)}`);

    const exports: ExportReport[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      exports.push(await page.evaluate(() => (window as unknown as BundleWindow).__stepBundleBench.exportToServer()));
      log(`bundle export to the server run ${run}/${options.runs}: ${exportLine(exports.at(-1)!)}`);
    }
    const sizes = exports.at(-1)!.sizes;
    if (sizes.changes !== seed.changes) throw new Error(`bundle: the export holds ${sizes.changes} changes, the desk ${seed.changes}`);
    const probe = await page.evaluate(() => (window as unknown as BundleWindow).__stepBundleBench.compressionProbe());

    const imports: ImportReport[] = [];
    const floors: number[] = [];
    const logFloors: number[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      const report = await page.evaluate(() => (window as unknown as BundleWindow).__stepBundleBench.importIntoFreshDesk());
      const expected = { applied: seed.changes, quarantined: 0, records: seed.records, changesStored: seed.changes, invalid: 0 };
      const got = { applied: report.applied, quarantined: report.quarantined, records: report.records, changesStored: report.changesStored, invalid: report.invalid };
      if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`bundle import: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
      if (report.second.applied !== 0 || report.second.chunksSkipped !== report.chunks || report.second.alreadyKnown !== seed.changes) {
        throw new Error(`bundle import: the second import was not a no-op: ${JSON.stringify(report.second)} (${report.chunks} chunks)`);
      }
      imports.push(report);
      log(`bundle export to the importing desk run ${run}/${options.runs}: ${exportLine(report.export)}`);
      log(
        `bundle import run ${run}/${options.runs}: ${ms(report.totalMs)} (open: manifest ${ms(report.openManifestMs)} + parts ${ms(report.openPartsMs)}; ` +
          `dry run ${ms(report.dryRunMs)} (held keys ${ms(report.dryRunHeldKeysMs)}, preview ${ms(report.dryRunPreviewMs)}); apply ${ms(report.applyMs)}, of which applyChunk ${ms(report.applyChunksMs)}); ${report.applied} changes, ${report.chunks} chunks; ` +
          `the engine's apply ${ms(report.applySteps.applyMs)} = held keys ${ms(report.applySteps.heldKeysMs)} + change rows ${ms(report.applySteps.addChangesMs)} + vector ${ms(report.applySteps.advanceVectorMs)} + merges ${ms(report.applySteps.rematerializeMs)} + the rest (validation, clock); ` +
          `second import ${ms(report.secondMs)} (open ${ms(report.secondOpenMs)}, held keys ${ms(report.secondHeldKeysMs)}), nothing applied`,
      );
      const floor = await page.evaluate((url) => (window as unknown as BundleWindow).__stepBench.bulkPutReference(url), recordsPath);
      if (floor.records !== seed.records) throw new Error(`bundle floor: ${floor.records} records`);
      floors.push(floor.bulkPutMs);
      log(`bundle floor run ${run}/${options.runs}: plain bulkPut of the ${floor.records} records, one transaction: ${ms(floor.bulkPutMs)}`);
      const logFloor = await page.evaluate((chunk) => (window as unknown as BundleWindow).__stepBundleBench.bulkPutFloorWithChanges(chunk), defaultChunkChanges);
      if (logFloor.records !== seed.records || logFloor.changes !== seed.changes) throw new Error(`bundle floor with the change rows: ${JSON.stringify(logFloor)}`);
      logFloors.push(logFloor.floorMs);
      log(`bundle floor with the change rows run ${run}/${options.runs}: bulkPut of ${logFloor.records} records and ${logFloor.changes} change rows, a transaction per ${defaultChunkChanges} changes: ${ms(logFloor.floorMs)}`);
    }
    await page.evaluate(() => (window as unknown as BundleWindow).__stepBundleBench.dropSource());

    const exportMs = pick(exports, (r) => r.totalMs);
    const importMs = pick(imports, (r) => r.totalMs);
    const floorMs = median(floors);
    const chunkBytes = sizes.byKind.chunk?.bytes ?? 0;
    const figures = {
      bundle_records: seed.records,
      bundle_changes: seed.changes,
      bundle_seed_ms: round(seed.seedMs),
      bundle_export_ms: round(exportMs),
      bundle_export_read_ms: round(pick(exports, (r) => r.readMs)),
      bundle_export_seal_ms: round(pick(exports, (r) => r.sealMs)),
      bundle_export_encrypt_ms: round(pick(exports, (r) => r.encryptMs)),
      bundle_export_zip_ms: round(pick(exports, (r) => r.zipMs)),
      bundle_export_other_ms: round(pick(exports, (r) => r.otherMs)),
      bundle_export_device_ms: round(pick(imports, (r) => r.export.totalMs)),
      bundle_bytes: sizes.fileBytes,
      bundle_bytes_per_record: round(sizes.fileBytes / seed.records, 1),
      bundle_bytes_per_change: round(sizes.fileBytes / seed.changes, 1),
      bundle_chunks: sizes.chunks,
      bundle_chunk_bytes: chunkBytes,
      bundle_chunk_plain_bytes: sizes.byKind.chunk?.plainBytes ?? 0,
      bundle_chunk_one_stream_deflate_bytes: probe.oneStreamDeflateBytes,
      bundle_manifest_bytes: sizes.manifestBytes,
      bundle_certificates_bytes: sizes.byKind.certificates?.bytes ?? 0,
      bundle_zip_overhead_bytes: sizes.zipOverheadBytes,
      bundle_ndjson_bytes: ndjsonBytes,
      bundle_gzip_ndjson_bytes: gzipNdjsonBytes,
      bundle_vs_gzip_ndjson_ratio: round(sizes.fileBytes / gzipNdjsonBytes, 3),
      bundle_import_ms: round(importMs),
      bundle_import_open_ms: round(pick(imports, (r) => r.openMs)),
      bundle_import_dry_run_ms: round(pick(imports, (r) => r.dryRunMs)),
      bundle_import_apply_ms: round(pick(imports, (r) => r.applyMs)),
      bundle_import_apply_held_keys_ms: round(pick(imports, (r) => r.applySteps.heldKeysMs)),
      bundle_import_apply_change_rows_ms: round(pick(imports, (r) => r.applySteps.addChangesMs)),
      bundle_import_apply_vector_ms: round(pick(imports, (r) => r.applySteps.advanceVectorMs)),
      bundle_import_apply_merge_ms: round(pick(imports, (r) => r.applySteps.rematerializeMs)),
      bundle_import_apply_other_ms: round(pick(imports, (r) => r.applySteps.applyMs - r.applySteps.heldKeysMs - r.applySteps.addChangesMs - r.applySteps.advanceVectorMs - r.applySteps.rematerializeMs)),
      bundle_import_records_per_s: round(seed.records / (importMs / 1000), 0),
      bundle_import_floor_bulkput_ms: round(floorMs),
      bundle_import_vs_bulkput_ratio: round(importMs / floorMs, 2),
      bundle_import_floor_with_changes_ms: round(median(logFloors)),
      bundle_import_vs_floor_with_changes_ratio: round(importMs / median(logFloors), 2),
      bundle_reimport_ms: round(pick(imports, (r) => r.secondMs)),
    };
    log(
      `bundle: ${sizes.chunks} chunks (changes per chunk min/median/max ${sizes.chunkChanges.min}/${sizes.chunkChanges.median}/${sizes.chunkChanges.max}, ${sizes.scopes} scopes); ` +
        `chunks ${mb(chunkBytes)} (plain ${mb(figures.bundle_chunk_plain_bytes)}; as one deflate stream ${mb(probe.oneStreamDeflateBytes)}), manifest ${mb(sizes.manifestBytes)}, ` +
        `certificates ${figures.bundle_certificates_bytes} B, zip ${mb(sizes.zipOverheadBytes)}; NDJSON ${mb(ndjsonBytes)}, gzipped ${mb(gzipNdjsonBytes)}`,
    );
    const verdict = (met: boolean) => (met ? 'met' : 'missed');
    log(`bundle export: ${ms(exportMs)} (aim: under ${ms(bundleAims.exportMs)}: ${verdict(exportMs < bundleAims.exportMs)})`);
    log(
      `bundle import / plain bulkPut: ${figures.bundle_import_vs_bulkput_ratio}× (aim: within ${bundleAims.importVsBulkPut}×: ${verdict(figures.bundle_import_vs_bulkput_ratio <= bundleAims.importVsBulkPut)}); ` +
        `/ bulkPut with the change rows: ${figures.bundle_import_vs_floor_with_changes_ratio}×`,
    );
    log(`bundle size / gzipped NDJSON: ${figures.bundle_vs_gzip_ndjson_ratio}× (aim: within ${bundleAims.sizeVsGzipNdjson}×: ${verdict(figures.bundle_vs_gzip_ndjson_ratio <= bundleAims.sizeVsGzipNdjson)})`);
    return figures;
  } finally {
    await context.close();
  }
}
