// Writes a file of realistic demo records in the NDJSON record format (docs/record-format.md).
//
//   npm run demo-data -- --records 100000 --out demo.ndjson [--seed 7] [--mix program|activities] [--now 2025-11-20]
//
// The file appears only when complete: records stream into a temporary file beside it, which is
// renamed at the end (an interrupted run leaves no half-written FILE).
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemoRecords, type DemoMix } from '@shared/demo';
import { entityImportOrder, type EntityType } from '@shared/domain';
import { toNdjsonLine } from '@shared/records/ndjson';

const MAX_RECORDS = 5_000_000;
const USAGE = `Usage: npm run demo-data -- --records N --out FILE.ndjson [--seed S] [--mix program|activities] [--now YYYY-MM-DD]

  --records N   how many records to write, 1 to 5,000,000
  --out FILE    the file to write (its folder must exist); replaced only once the new one is complete
  --seed S      whole number 0 to 4294967295 (default 1): the same seed gives the same file
  --mix M       program: every kind of record in plausible proportions (default)
                activities: activities only (for benchmarks that need N activities)
  --now DATE    the day the data runs up to (default: today, UTC)`;

class UsageError extends Error {}

interface Settings {
  records: number;
  out: string;
  seed: number;
  mix: DemoMix;
  now: Date;
}

function parseSettings(argv: string[]): Settings | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        records: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        mix: { type: 'string' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';

  if (values.records === undefined) throw new UsageError('--records is required');
  const records = /^\d+$/.test(values.records.replace(/[_,]/g, '')) ? Number(values.records.replace(/[_,]/g, '')) : Number.NaN;
  if (!Number.isSafeInteger(records) || records < 1 || records > MAX_RECORDS) {
    throw new UsageError(`--records must be a whole number from 1 to 5,000,000 (got "${values.records}")`);
  }

  if (values.out === undefined || values.out.trim() === '') throw new UsageError('--out is required');
  const out = resolve(values.out);
  const folder = dirname(out);
  const folderStat = statSync(folder, { throwIfNoEntry: false });
  if (!folderStat?.isDirectory()) throw new UsageError(`--out: the folder ${folder} does not exist`);
  if (statSync(out, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out: ${out} is a folder, not a file`);

  let seed = 1;
  if (values.seed !== undefined) {
    seed = /^\d+$/.test(values.seed) ? Number(values.seed) : Number.NaN;
    if (!Number.isSafeInteger(seed) || seed > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295 (got "${values.seed}")`);
  }

  const mix = values.mix ?? 'program';
  if (mix !== 'program' && mix !== 'activities') throw new UsageError(`--mix must be program or activities (got "${mix}")`);

  let now: Date;
  if (values.now === undefined) {
    now = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  } else {
    now = new Date(`${values.now}T00:00:00.000Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.now) || Number.isNaN(now.getTime()) || now.toISOString().slice(0, 10) !== values.now) {
      throw new UsageError(`--now must be a date like 2025-11-20 (got "${values.now}")`);
    }
  }
  return { records, out, seed, mix, now };
}

/** Waits until the stream wants more, or fails with its error (listeners removed either way). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

const grouped = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

async function write(settings: Settings): Promise<void> {
  const started = performance.now();
  const temp = join(dirname(settings.out), `.${basename(settings.out)}.${process.pid}.tmp`);
  const removeTemp = () => rmSync(temp, { force: true });
  const onSignal = (signal: NodeJS.Signals) => {
    removeTemp();
    process.stderr.write(`\ndemo-data: interrupted (${signal}); ${settings.out} left as it was\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const counts = new Map<EntityType, number>();
  const stream = createWriteStream(temp, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  const showProgress = settings.records >= 100_000;
  const step = Math.max(1, Math.floor(settings.records / 10));
  try {
    let batch = '';
    let written = 0;
    for (const record of generateDemoRecords({ records: settings.records, seed: settings.seed, now: settings.now, mix: settings.mix })) {
      batch += `${toNdjsonLine(record)}\n`;
      counts.set(record.entity, (counts.get(record.entity) ?? 0) + 1);
      written += 1;
      if (batch.length >= 256 * 1024) {
        if (failure) throw failure;
        if (!stream.write(batch)) await drained(stream);
        batch = '';
      }
      if (showProgress && written % step === 0 && written < settings.records) {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stderr.write(`demo-data: ${grouped(written)} of ${grouped(settings.records)} records (${Math.round((100 * written) / settings.records)}%), ${seconds} s\n`);
      }
    }
    if (failure) throw failure;
    stream.end(batch);
    await once(stream, 'close');
    if (failure) throw failure;
    renameSync(temp, settings.out);
  } catch (error) {
    stream.destroy();
    removeTemp();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const seconds = (performance.now() - started) / 1000;
  const size = statSync(settings.out).size;
  const lines = [
    `Wrote ${grouped(settings.records)} records to ${settings.out} (${megabytes(size)}) in ${seconds.toFixed(1)} s`,
    `  seed ${settings.seed}, mix ${settings.mix}, data up to ${settings.now.toISOString().slice(0, 10)}`,
  ];
  const width = Math.max(...entityImportOrder.map((e) => e.length));
  for (const entity of entityImportOrder) {
    const count = counts.get(entity);
    if (count) lines.push(`  ${entity.padEnd(width)}  ${grouped(count).padStart(9)}  ${((100 * count) / settings.records).toFixed(1).padStart(5)}%`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  let settings: Settings | 'help';
  try {
    settings = parseSettings(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`demo-data: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (settings === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  try {
    await write(settings);
  } catch (error) {
    process.stderr.write(`demo-data: could not write ${settings.out}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

await main();
