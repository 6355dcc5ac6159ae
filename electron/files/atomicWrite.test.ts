import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { utf8ByteLength, fileNameProblem } from '@shared/bridge/contract';
import { numberedFileName, writeFileAtomic, writeNewFileAtomic } from './atomicWrite';

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

describe('writeNewFileAtomic', () => {
  it('writes under the name asked for when it is free', async () => {
    expect(await writeNewFileAtomic(folder, 'TH.stepbundle', bytes('one'))).toBe('TH.stepbundle');
    expect(await readFile(path.join(folder, 'TH.stepbundle'), 'utf8')).toBe('one');
    expect(await readdir(folder)).toEqual(['TH.stepbundle']);
  });

  it('never replaces a file: it numbers the new one instead', async () => {
    await writeFile(path.join(folder, 'TH.stepbundle'), 'old');
    await writeFile(path.join(folder, 'TH (2).stepbundle'), 'older');
    expect(await writeNewFileAtomic(folder, 'TH.stepbundle', bytes('new'))).toBe('TH (3).stepbundle');
    expect(await readFile(path.join(folder, 'TH.stepbundle'), 'utf8')).toBe('old');
    expect(await readFile(path.join(folder, 'TH (2).stepbundle'), 'utf8')).toBe('older');
    expect(await readFile(path.join(folder, 'TH (3).stepbundle'), 'utf8')).toBe('new');
    expect((await readdir(folder)).sort()).toEqual(['TH (2).stepbundle', 'TH (3).stepbundle', 'TH.stepbundle']);
  });

  it('does not write through a symlink planted under the name', async () => {
    const outside = path.join(folder, 'outside.txt');
    await writeFile(outside, 'untouched');
    await mkdir(path.join(folder, 'drive'));
    await symlink(outside, path.join(folder, 'drive', 'a.stepbundle'));
    expect(await writeNewFileAtomic(path.join(folder, 'drive'), 'a.stepbundle', bytes('x'))).toBe('a (2).stepbundle');
    expect(await readFile(outside, 'utf8')).toBe('untouched');
  });

  it('gives every one of simultaneous writers its own name', async () => {
    const names = await Promise.all(Array.from({ length: 5 }, (_, i) => writeNewFileAtomic(folder, 'a.stepbundle', bytes(String(i)))));
    expect(new Set(names).size).toBe(5);
    const contents = await Promise.all(names.map((name) => readFile(path.join(folder, name), 'utf8')));
    expect(contents.sort()).toEqual(['0', '1', '2', '3', '4']);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a name that is a path', async () => {
    for (const name of ['../escape.stepbundle', 'sub/a.stepbundle', '..', '/tmp/a.stepbundle']) {
      await expect(writeNewFileAtomic(folder, name, bytes('x'))).rejects.toThrow('not a plain file name');
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('leaves nothing behind when the folder is gone', async () => {
    await expect(writeNewFileAtomic(path.join(folder, 'unplugged'), 'a.stepbundle', bytes('x'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(folder)).toEqual([]);
  });

  it('writes a name of 255 bytes (the temp file name stays short enough)', async () => {
    const name = `${'泰'.repeat(80)}.stepbundle`;
    expect(utf8ByteLength(name)).toBe(251);
    expect(await writeNewFileAtomic(folder, name, bytes('x'))).toBe(name);
  });
});

describe('numberedFileName', () => {
  it('adds the number before the extension', () => {
    expect(numberedFileName('a.stepbundle', 1)).toBe('a.stepbundle');
    expect(numberedFileName('a.stepbundle', 2)).toBe('a (2).stepbundle');
    expect(numberedFileName('archive.tar.gz', 12)).toBe('archive.tar (12).gz');
    expect(numberedFileName('README', 3)).toBe('README (3)');
  });

  it('shortens a long name to stay a plain file name, never cutting a character', () => {
    const name = numberedFileName(`${'泰'.repeat(80)}.stepbundle`, 999);
    expect(name.endsWith(' (999).stepbundle')).toBe(true);
    expect(utf8ByteLength(name)).toBeLessThanOrEqual(255);
    expect(fileNameProblem(name)).toBeUndefined();
    expect(numberedFileName(`${'a'.repeat(245)}.stepbundle`, 2)).toBe(`${'a'.repeat(240)} (2).stepbundle`);
  });
});
