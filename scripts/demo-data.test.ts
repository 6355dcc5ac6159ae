import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLineSplitter, parseRecordLine } from '@shared/records/ndjson';
import { entityTypes } from '@shared/domain';

const tsx = join('node_modules', '.bin', 'tsx');
const work = mkdtempSync(join(tmpdir(), 'demo-data-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function demoData(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(tsx, ['scripts/demo-data.ts', ...args], { cwd: process.cwd(), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function linesOf(file: string): string[] {
  const splitter = createLineSplitter();
  return [...splitter.push(readFileSync(file, 'utf8')), ...splitter.flush()];
}

describe('npm run demo-data', () => {
  it('writes N valid records, one per line, and a summary', async () => {
    const out = join(work, 'program.ndjson');
    const run = await demoData('--records', '1200', '--out', out, '--seed', '5', '--now', '2025-11-20');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = linesOf(out);
    expect(lines).toHaveLength(1200);
    const seen = new Set<string>();
    for (const [index, line] of lines.entries()) {
      const parsed = parseRecordLine(line, index + 1);
      if (!parsed.ok) throw new Error(`line ${index + 1}: ${JSON.stringify(parsed.error)}`);
      seen.add(parsed.record.entity);
    }
    expect([...seen].sort()).toEqual([...entityTypes].sort());
    expect(run.stdout).toMatch(/Wrote 1,200 records to .*program\.ndjson \(\d+\.\d MB\) in \d+\.\d s/);
    expect(run.stdout).toMatch(/^\s+activity\s+[\d,]+\s+[\d.]+%$/m);
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the same file again for the same seed and date, and activities only on request', async () => {
    const [a, b, activities] = [join(work, 'a.ndjson'), join(work, 'b.ndjson'), join(work, 'activities.ndjson')];
    const runs = await Promise.all([
      demoData('--records', '400', '--out', a, '--seed', '9', '--now', '2025-01-31'),
      demoData('--records', '400', '--out', b, '--seed', '9', '--now', '2025-01-31'),
      demoData('--records', '250', '--out', activities, '--mix', 'activities', '--now', '2025-01-31'),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const lines = linesOf(activities);
    expect(lines).toHaveLength(250);
    for (const [index, line] of lines.entries()) {
      const parsed = parseRecordLine(line, index + 1);
      expect(parsed.ok && parsed.record.entity).toBe('activity');
    }
  });

  it('replaces an existing file only once the new one is complete', async () => {
    const out = join(work, 'existing.ndjson');
    writeFileSync(out, 'old\n');
    const run = await demoData('--records', '10', '--out', out, '--now', '2025-01-31');
    expect(run.code).toBe(0);
    expect(linesOf(out)).toHaveLength(10);
  });

  it('refuses bad or missing arguments with a specific message, the usage and exit code 2', async () => {
    const folder = join(work, 'a-folder');
    mkdirSync(folder);
    const out = join(work, 'never.ndjson');
    const cases: [string[], RegExp][] = [
      [[], /--records is required/],
      [['--out', out], /--records is required/],
      [['--records', '0', '--out', out], /--records must be a whole number from 1 to 5,000,000 \(got "0"\)/],
      [['--records', 'abc', '--out', out], /--records must be a whole number .*\(got "abc"\)/],
      [['--records', '-5', '--out', out], /--records must be a whole number|argument missing|ambiguous/],
      [['--records', '2.5', '--out', out], /--records must be a whole number .*\(got "2.5"\)/],
      [['--records', '5000001', '--out', out], /--records must be a whole number .*\(got "5000001"\)/],
      [['--records', '10'], /--out is required/],
      [['--records', '10', '--out', join(work, 'missing', 'x.ndjson')], /--out: the folder .*missing does not exist/],
      [['--records', '10', '--out', folder], /is a folder, not a file/],
      [['--records', '10', '--out', out, '--mix', 'everything'], /--mix must be program or activities \(got "everything"\)/],
      [['--records', '10', '--out', out, '--seed', 'x'], /--seed must be a whole number from 0 to 4294967295 \(got "x"\)/],
      [['--records', '10', '--out', out, '--seed', '4294967296'], /--seed must be a whole number/],
      [['--records', '10', '--out', out, '--now', '2025-02-30'], /--now must be a date like 2025-11-20 \(got "2025-02-30"\)/],
      [['--records', '10', '--out', out, '--bogus'], /Unknown option '--bogus'/],
      [['--records', '10', '--out', out, 'extra'], /positional argument/i],
      [['--records'], /argument missing/],
    ];
    const runs = await Promise.all(cases.map(([args]) => demoData(...args)));
    runs.forEach((run, i) => {
      const [args, message] = cases[i]!;
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.split('\n')[0], args.join(' ')).toMatch(/^demo-data: /);
      expect(run.stderr, args.join(' ')).toContain('Usage: npm run demo-data -- --records N --out FILE.ndjson');
      expect(run.stdout).toBe('');
    });
    expect(readdirSync(work)).not.toContain('never.ndjson');
  });

  it('prints the usage for --help', async () => {
    const run = await demoData('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--records N');
  });
});

describe('docs/record-format.md', () => {
  it('shows example lines that are all valid records, one of every entity type', () => {
    const doc = readFileSync('docs/record-format.md', 'utf8');
    const blocks = [...doc.matchAll(/```ndjson\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const lines = blocks.flatMap((block) => block.split('\n')).filter((line) => line.trim().startsWith('{'));
    const entities = new Set<string>();
    for (const [index, line] of lines.entries()) {
      const parsed = parseRecordLine(line, index + 1);
      if (!parsed.ok) throw new Error(`example ${index + 1} is invalid: ${JSON.stringify(parsed.error)}\n${line}`);
      entities.add(parsed.record.entity);
    }
    expect([...entities].sort()).toEqual([...entityTypes].sort());
  });
});
