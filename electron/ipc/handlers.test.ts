import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeError, drivesListResponseSchema } from '@shared/bridge/contract';
import type { DriveProbe } from '../files/removableDrives';
import { createBridgeHandlers } from './handlers';

const fake = vi.hoisted(() => ({
  showOpenDialog: vi.fn<() => Promise<{ canceled: boolean; filePaths: string[] }>>(),
  writeVerifiedToDrive: vi.fn(async (_root: string, fileName: string, data: Uint8Array) => ({ fileName, bytes: data.byteLength, verified: true as const })),
}));

vi.mock('electron', () => ({
  app: { getVersion: () => '0.1.0', getPath: () => '/home/test/Documents' },
  dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true })), showOpenDialog: fake.showOpenDialog },
}));
vi.mock('../files/driveWrite', () => ({ writeVerifiedToDrive: fake.writeVerifiedToDrive }));

const probe: DriveProbe = {
  platform: 'linux',
  username: 'ana',
  readTextFile: async () => '/dev/sdb1 /media/ana/KINGSTON vfat rw 0 0\n/dev/sdc1 /media/ana/OTHER vfat rw 0 0\n',
  readDirectory: async () => [],
  realPath: async (file) => file,
  deviceOf: async () => 1,
  freeBytes: async () => 4096,
  isWritable: async () => true,
  run: async () => '',
};

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'step-handlers-'));
  fake.showOpenDialog.mockReset();
  fake.writeVerifiedToDrive.mockClear();
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('desktop bridge handlers', () => {
  it('lists drives by id and label only', async () => {
    const handlers = createBridgeHandlers(() => null, probe);
    const listed = await handlers['drives:list']();
    expect(drivesListResponseSchema.parse(listed)).toEqual(listed);
    expect(listed.drives.map((drive) => drive.label)).toEqual(['KINGSTON', 'OTHER']);
    expect(JSON.stringify(listed)).not.toContain('/media');
  });

  it('writes to the mount point behind the id, and nowhere else', async () => {
    const handlers = createBridgeHandlers(() => null, probe);
    const { drives } = await handlers['drives:list']();
    const other = drives.find((drive) => drive.label === 'OTHER')!;
    const data = new Uint8Array([1, 2, 3]);
    expect(await handlers['bundle:writeToDrive']({ driveId: other.id, fileName: 'a.stepbundle', data })).toEqual({ fileName: 'a.stepbundle', bytes: 3, verified: true });
    expect(fake.writeVerifiedToDrive).toHaveBeenCalledWith('/media/ana/OTHER', 'a.stepbundle', data);
  });

  it('refuses an id that names no drive plugged in now (pulled out, or from an earlier run)', async () => {
    const handlers = createBridgeHandlers(() => null, probe);
    const { drives } = await createBridgeHandlers(() => null, probe)['drives:list']();
    const error = await handlers['bundle:writeToDrive']({ driveId: drives[0]!.id, fileName: 'a.stepbundle', data: new Uint8Array() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('drive-gone');
    expect(fake.writeVerifiedToDrive).not.toHaveBeenCalled();
  });

  it('opens the chosen file, or reports the cancelled dialog', async () => {
    const handlers = createBridgeHandlers(() => null, probe);
    fake.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await handlers['files:open']({ accept: ['.stepbundle'], maxBytes: 10 })).toEqual({ cancelled: true });

    const file = path.join(folder, 'in.stepbundle');
    await writeFile(file, Buffer.from([9, 8]));
    fake.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const opened = await handlers['files:open']({ accept: ['.stepbundle'], maxBytes: 10 });
    expect(opened).toEqual({ cancelled: false, fileName: 'in.stepbundle', data: new Uint8Array([9, 8]) });
    expect(fake.showOpenDialog).toHaveBeenLastCalledWith(expect.objectContaining({ filters: [{ name: 'STEP sync bundle', extensions: ['stepbundle'] }] }));
  });
});
