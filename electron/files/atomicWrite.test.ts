import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomicWrite';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'step-atomic-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temp file behind', async () => {
    const target = path.join(folder, 'activities.csv');
    await writeFileAtomic(target, bytes('id,title\n1,活动\n'));
    expect(await readFile(target, 'utf8')).toBe('id,title\n1,活动\n');
    expect(await readdir(folder)).toEqual(['activities.csv']);
  });

  it('replaces an existing file whole', async () => {
    const target = path.join(folder, 'report.json');
    await writeFile(target, 'old content that is longer than the new one');
    await writeFileAtomic(target, bytes('{}'));
    expect(await readFile(target, 'utf8')).toBe('{}');
    expect(await readdir(folder)).toEqual(['report.json']);
  });

  it('writes empty files and large ones', async () => {
    const empty = path.join(folder, 'empty.txt');
    await writeFileAtomic(empty, new Uint8Array());
    expect((await readFile(empty)).length).toBe(0);
    const big = new Uint8Array(8 * 1024 * 1024).map((_, i) => i % 251);
    const target = path.join(folder, 'big.bin');
    await writeFileAtomic(target, big);
    expect(Buffer.compare(await readFile(target), Buffer.from(big))).toBe(0);
  });

  it('leaves the old file and no temp file when the rename fails', async () => {
    // A non-empty folder where the file should go: the rename fails after the temp file is complete.
    const target = path.join(folder, 'taken');
    await mkdir(target);
    await writeFile(path.join(target, 'keep.txt'), 'keep');
    await expect(writeFileAtomic(target, bytes('new'))).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['taken']);
    expect(await readFile(path.join(target, 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(folder, 'missing', 'a.csv'), bytes('x'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(folder)).toEqual([]);
  });
});
