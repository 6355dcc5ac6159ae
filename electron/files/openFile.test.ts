import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeError } from '@shared/bridge/contract';
import { openDialogOptions, readChosenFile } from './openFile';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'step-open-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('files:open in the desktop app', () => {
  it('offers the requested kind of file only', () => {
    expect(openDialogOptions(['.stepbundle'])).toEqual({
      filters: [{ name: 'STEP sync bundle', extensions: ['stepbundle'] }],
      properties: ['openFile', 'dontAddToRecent'],
    });
    expect(openDialogOptions(['.csv', '.CSV', '.xlsx']).filters).toEqual([{ name: 'Accepted files', extensions: ['csv', 'xlsx'] }]);
  });

  it('reads the chosen file and gives its name without the folder', async () => {
    const file = path.join(folder, 'from officer.stepbundle');
    await writeFile(file, Buffer.from([1, 2, 3, 4]));
    const read = await readChosenFile(file, 4);
    expect(read.fileName).toBe('from officer.stepbundle');
    expect([...read.data]).toEqual([1, 2, 3, 4]);
    expect((await readChosenFile(path.join(folder, 'from officer.stepbundle'), 100)).data.byteLength).toBe(4);
  });

  it('reads an empty file as empty (the bundle reader says what is wrong with it)', async () => {
    const file = path.join(folder, 'empty.stepbundle');
    await writeFile(file, '');
    expect((await readChosenFile(file, 10)).data.byteLength).toBe(0);
  });

  it('refuses a file over the limit with too-large', async () => {
    const file = path.join(folder, 'big.stepbundle');
    await writeFile(file, Buffer.alloc(11));
    const error = await readChosenFile(file, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('too-large');
  });

  it('refuses a folder', async () => {
    const error = await readChosenFile(folder, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('failed');
  });
});
