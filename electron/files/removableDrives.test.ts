import { describe, expect, it, vi } from 'vitest';
import { driveSchema } from '@shared/bridge/contract';
import type { DriveProbe } from './removableDrives';
import { driveIdMaker, linuxVolumes, listRemovableDrives, windowsListingCommand, windowsVolumes } from './removableDrives';

const idOf = driveIdMaker(new Uint8Array(32).fill(7));

function probe(overrides: Partial<DriveProbe>): DriveProbe {
  return {
    platform: 'linux',
    username: 'ana',
    readTextFile: async () => '',
    readDirectory: async () => [],
    realPath: async (file) => file,
    deviceOf: async () => 1,
    freeBytes: async () => 1_000_000,
    isWritable: async () => true,
    run: async () => '[]',
    ...overrides,
  };
}

const procMounts = [
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0',
  '/dev/nvme0n1p2 / ext4 rw,relatime 0 0',
  '/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0',
  '/dev/sdb1 /media/ana/KINGSTON vfat rw,nosuid,nodev,relatime,uid=1000,gid=1000,fmask=0022 0 0',
  '/dev/sdc1 /media/ana/My\\040Stick exfat rw,nosuid,nodev,relatime 0 0',
  '/dev/sdd1 /run/media/ana/LOCKED_SD vfat ro,nosuid,nodev,relatime 0 0',
  '/dev/sde1 /media/bob/BOBS_STICK vfat rw,nosuid,nodev 0 0',
  '/dev/sdf1 /media/ana/KINGSTON/nested ext4 rw 0 0',
  '/dev/sr0 /media/cdrom iso9660 ro 0 0',
  'tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime 0 0',
  '',
].join('\n');

describe('removable drives on Linux', () => {
  it("lists what udisks mounted for this user, with the volume's name as label", () => {
    expect(linuxVolumes(procMounts, 'ana')).toEqual([
      { mountPath: '/media/ana/KINGSTON', label: 'KINGSTON', readOnly: false },
      { mountPath: '/media/ana/My Stick', label: 'My Stick', readOnly: false },
      { mountPath: '/run/media/ana/LOCKED_SD', label: 'LOCKED_SD', readOnly: true },
    ]);
  });

  it('lists nothing without a user name rather than everything under /media', () => {
    expect(linuxVolumes(procMounts, '')).toEqual([]);
    expect(linuxVolumes('/dev/sdb1 /media/KINGSTON vfat rw 0 0', '')).toEqual([]);
  });

  it('gives ids, labels, free space and writability, and no path to the renderer', async () => {
    const freeBytes = vi.fn(async (folder: string) => (folder.includes('KINGSTON') ? 7_500_000_000 : 12));
    const isWritable = vi.fn(async () => true);
    const drives = await listRemovableDrives(probe({ readTextFile: async () => procMounts, freeBytes, isWritable }), idOf);
    expect(drives.map(({ label, freeBytes: free, writable }) => ({ label, free, writable }))).toEqual([
      { label: 'KINGSTON', free: 7_500_000_000, writable: true },
      { label: 'My Stick', free: 12, writable: true },
      { label: 'LOCKED_SD', free: 12, writable: false },
    ]);
    // The read-only mount is not even asked.
    expect(isWritable).toHaveBeenCalledTimes(2);
    for (const { mountPath: _mountPath, ...shown } of drives) {
      expect(driveSchema.parse(shown)).toEqual(shown);
      expect(JSON.stringify(shown)).not.toContain('/media');
    }
  });

  it('copes with a drive that vanishes while it is looked at', async () => {
    const drives = await listRemovableDrives(
      probe({
        readTextFile: async () => '/dev/sdb1 /media/ana/GONE vfat rw 0 0',
        freeBytes: async () => Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })),
        isWritable: async () => Promise.reject(new Error('gone')),
      }),
      idOf,
    );
    expect(drives).toEqual([{ id: idOf('/media/ana/GONE'), label: 'GONE', mountPath: '/media/ana/GONE', writable: false }]);
  });

  it('keeps labels within the contract even when a mount point holds control characters', async () => {
    const drives = await listRemovableDrives(probe({ readTextFile: async () => `/dev/sdb1 /media/ana/A\\012B${'x'.repeat(300)} vfat rw 0 0` }), idOf);
    expect(drives[0]?.label).toMatch(/^A Bx+$/);
    expect(drives[0]?.label.length).toBe(200);
  });
});

describe('removable drives on macOS', () => {
  it('lists /Volumes without the boot volume, hidden entries or anything on the boot disk', async () => {
    const devices: Record<string, number> = { '/': 1, '/Volumes/Macintosh HD': 1, '/Volumes/USB_STICK': 5, '/Volumes/Backup': 1, '/Volumes/泰国 data': 6 };
    const drives = await listRemovableDrives(
      probe({
        platform: 'darwin',
        readDirectory: async (folder) => (folder === '/Volumes' ? ['Macintosh HD', 'USB_STICK', '.Trashes', 'Backup', '泰国 data', 'Ejected'] : []),
        realPath: async (file) => (file === '/Volumes/Macintosh HD' ? '/' : file === '/Volumes/Ejected' ? Promise.reject(new Error('ENOENT')) : file),
        deviceOf: async (file) => devices[file] ?? 9,
      }),
      idOf,
    );
    expect(drives.map((drive) => [drive.label, drive.mountPath])).toEqual([
      ['USB_STICK', '/Volumes/USB_STICK'],
      ['泰国 data', '/Volumes/泰国 data'],
    ]);
  });
});

describe('removable drives on Windows', () => {
  it('asks PowerShell for removable drive letters, as JSON, in UTF-8', async () => {
    const run = vi.fn(async () => '[{"DeviceID":"E:","VolumeName":"KINGSTON","FreeSpace":15032385536}]');
    const drives = await listRemovableDrives(probe({ platform: 'win32', run }), idOf);
    expect(run).toHaveBeenCalledWith('powershell.exe', windowsListingCommand);
    expect(windowsListingCommand.join(' ')).toContain("-Filter 'DriveType=2'");
    expect(windowsListingCommand.join(' ')).toContain('[Text.Encoding]::UTF8');
    expect(drives).toEqual([{ id: idOf('E:\\'), label: 'KINGSTON (E:)', mountPath: 'E:\\', freeBytes: 15032385536, writable: true }]);
  });

  it('reads one drive, several, none, and skips card readers without a card', () => {
    expect(windowsVolumes('\uFEFF{"DeviceID":"F:","VolumeName":"","FreeSpace":10}\r\n')).toEqual([{ mountPath: 'F:\\', label: 'F:', freeBytes: 10 }]);
    expect(
      windowsVolumes(
        JSON.stringify([
          { DeviceID: 'E:', VolumeName: '泰国', FreeSpace: 1 },
          { DeviceID: 'G:', VolumeName: null, FreeSpace: null },
          { DeviceID: 'H:', VolumeName: 'SD', FreeSpace: 2 },
        ]),
      ).map((volume) => volume.label),
    ).toEqual(['泰国 (E:)', 'SD (H:)']);
    expect(windowsVolumes('')).toEqual([]);
    expect(windowsVolumes('[]')).toEqual([]);
  });

  it('ignores output that is not a listing', () => {
    expect(windowsVolumes('Get-CimInstance : Access denied')).toEqual([]);
    expect(windowsVolumes('[{"DeviceID":"\\\\\\\\server\\\\share","VolumeName":"x","FreeSpace":1},{"DeviceID":"..","FreeSpace":1},7,null]')).toEqual([]);
  });
});

describe('drive ids', () => {
  it('are opaque, stable while the app runs and different in another run', () => {
    const id = idOf('/media/ana/KINGSTON');
    expect(id).toMatch(/^drive-[0-9a-f]{32}$/);
    expect(idOf('/media/ana/KINGSTON')).toBe(id);
    expect(idOf('/media/ana/OTHER')).not.toBe(id);
    expect(driveIdMaker(new Uint8Array(32).fill(8))('/media/ana/KINGSTON')).not.toBe(id);
  });

  it('lists nothing on a platform it does not know', async () => {
    expect(await listRemovableDrives(probe({ platform: 'freebsd' }), idOf)).toEqual([]);
  });
});
