import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeError, drivesListResponseSchema } from '@shared/bridge/contract';
import type { DriveProbe } from '../files/removableDrives';
import { createBridgeHandlers } from './handlers';

const fake = vi.hoisted(() => ({
  writeVerifiedToDrive: vi.fn(async (_root: string, fileName: string, data: Uint8Array) => ({ fileName, bytes: data.byteLength, verified: true as const })),
}));

vi.mock('electron', () => ({
  app: { getVersion: () => '0.1.0', getPath: () => '/home/test/Documents' },
  dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true })) },
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

beforeEach(() => {
  fake.writeVerifiedToDrive.mockClear();
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
});
