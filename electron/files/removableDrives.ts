import { createHmac } from 'node:crypto';
import path from 'node:path';

/**
 * The removable drives a bundle can be written to (issue 5), as the main process sees them. The renderer
 * gets an opaque id and a label per drive, never a mount point: `bundle:writeToDrive` names a drive by
 * its id and main maps it back by listing again, so a renderer cannot point a write anywhere but the
 * root of a drive that is plugged in right now.
 *
 * Where each OS puts removable drives:
 * - Linux: udisks mounts them at /media/<user>/<label> (Debian, Ubuntu) or /run/media/<user>/<label>
 *   (Fedora, Arch); /proc/mounts lists what is mounted, with its options (`ro`).
 * - macOS: every mounted volume is in /Volumes, the boot volume too (as a link to `/`).
 * - Windows: drive letters whose DriveType is 2 ("removable disk"), from CIM via PowerShell (wmic is
 *   gone from recent Windows). USB hard disks report DriveType 3, like internal ones, and are not listed.
 *
 * Every OS dependency is injected (DriveProbe) so that Node tests can play each platform.
 */

export interface DriveProbe {
  platform: NodeJS.Platform;
  /** The signed-in user (Linux mounts removable drives per user). */
  username: string;
  readTextFile(file: string): Promise<string>;
  readDirectory(folder: string): Promise<string[]>;
  realPath(file: string): Promise<string>;
  /** stat(file).dev: which file system a path is on. */
  deviceOf(file: string): Promise<number>;
  /** Bytes free for this user, or undefined when the file system will not tell. */
  freeBytes(folder: string): Promise<number | undefined>;
  isWritable(folder: string): Promise<boolean>;
  /** Runs a program (never through a shell) and gives its standard output. */
  run(file: string, args: readonly string[]): Promise<string>;
}

/** What main knows of a drive. Only `id`, `label`, `freeBytes` and `writable` ever reach the renderer. */
export interface RemovableDrive {
  id: string;
  label: string;
  mountPath: string;
  freeBytes?: number;
  writable: boolean;
}

/** A mounted volume before its id and free space are known. */
export interface MountedVolume {
  mountPath: string;
  label: string;
  /** Known read-only from the mount table (Linux `ro`); otherwise found out with isWritable. */
  readOnly?: boolean;
  /** Windows tells free space in the listing itself. */
  freeBytes?: number;
}

const maxDrives = 64;

export async function listRemovableDrives(probe: DriveProbe, idOf: (mountPath: string) => string): Promise<RemovableDrive[]> {
  const volumes = await mountedVolumes(probe);
  const drives: RemovableDrive[] = [];
  for (const volume of volumes.slice(0, maxDrives)) {
    const writable = volume.readOnly ? false : await probe.isWritable(volume.mountPath).catch(() => false);
    const freeBytes = volume.freeBytes ?? (await probe.freeBytes(volume.mountPath).catch(() => undefined));
    drives.push({
      id: idOf(volume.mountPath),
      label: displayLabel(volume.label),
      mountPath: volume.mountPath,
      ...(freeBytes !== undefined && Number.isSafeInteger(freeBytes) && freeBytes >= 0 ? { freeBytes } : {}),
      writable,
    });
  }
  return drives;
}

/** A label the contract accepts: no control characters (a mount point may hold a newline), at most 200 characters. */
function displayLabel(label: string): string {
  const clean = [...label]
    .map((character) => ((character.codePointAt(0) ?? 0) < 0x20 || character === '\u007f' ? ' ' : character))
    .join('')
    .trim();
  return [...clean].slice(0, 200).join('') || '?';
}

async function mountedVolumes(probe: DriveProbe): Promise<MountedVolume[]> {
  switch (probe.platform) {
    case 'linux':
      return linuxVolumes(await probe.readTextFile('/proc/mounts'), probe.username);
    case 'darwin':
      return macVolumes(probe);
    case 'win32':
      return windowsVolumes(await probe.run('powershell.exe', windowsListingCommand));
    default:
      return [];
  }
}

/**
 * Drive ids: an HMAC of the mount point under a key made when main starts. Stable while the app runs (the
 * list can be refreshed and the id still names the same stick) and says nothing of the path (a plain hash
 * of /media/<user>/... could be matched against guessed user names).
 */
export function driveIdMaker(secret: Uint8Array): (mountPath: string) => string {
  return (mountPath) => `drive-${createHmac('sha256', secret).update(mountPath).digest('hex').slice(0, 32)}`;
}

// --- Linux ------------------------------------------------------------------------------------------

/** /proc/mounts escapes space, tab, newline and backslash in paths as octal (`\040`). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Mounts directly inside /media/<user>/ or /run/media/<user>/, from the text of /proc/mounts. */
export function linuxVolumes(procMounts: string, username: string): MountedVolume[] {
  // Without a user name, /media/* would take in whatever else is mounted there (a CD-ROM, a NAS share).
  if (!username || username.includes('/')) return [];
  const parents = new Set([path.posix.join('/media', username), path.posix.join('/run/media', username)]);
  const seen = new Set<string>();
  const volumes: MountedVolume[] = [];
  for (const line of procMounts.split('\n')) {
    const [device, rawMountPath, , options] = line.split(' ');
    if (!device || !rawMountPath || !options) continue;
    const mountPath = unescapeMountField(rawMountPath);
    if (!parents.has(path.posix.dirname(mountPath)) || seen.has(mountPath)) continue;
    seen.add(mountPath);
    volumes.push({ mountPath, label: path.posix.basename(mountPath), readOnly: options.split(',').includes('ro') });
  }
  return volumes;
}

// --- macOS ------------------------------------------------------------------------------------------

async function macVolumes(probe: DriveProbe): Promise<MountedVolume[]> {
  const bootDevice = await probe.deviceOf('/');
  const volumes: MountedVolume[] = [];
  for (const name of (await probe.readDirectory('/Volumes')).sort()) {
    if (name.startsWith('.')) continue;
    const mountPath = path.posix.join('/Volumes', name);
    try {
      // The boot volume is a link to `/`; anything on the boot disk's file system is not a drive either.
      if ((await probe.realPath(mountPath)) === '/' || (await probe.deviceOf(mountPath)) === bootDevice) continue;
    } catch {
      continue; // ejected while we looked
    }
    volumes.push({ mountPath, label: name });
  }
  return volumes;
}

// --- Windows ----------------------------------------------------------------------------------------

/**
 * Always a JSON array (`-InputObject @(...)`, even for one drive or none), in UTF-8 whatever the console's
 * code page, so a volume named 泰国 arrives intact.
 */
export const windowsListingCommand = [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  "[Console]::OutputEncoding = [Text.Encoding]::UTF8; ConvertTo-Json -Compress -InputObject @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=2' | Select-Object DeviceID,VolumeName,FreeSpace)",
] as const;

const driveLetter = /^[A-Z]:$/i;

/** Removable drive letters from the PowerShell listing. A card reader without a card has no free space: skipped. */
export function windowsVolumes(json: string): MountedVolume[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.replace(/^\uFEFF/, '').trim() || '[]');
  } catch {
    return [];
  }
  const rows = Array.isArray(parsed) ? parsed : [parsed];
  const volumes: MountedVolume[] = [];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const { DeviceID: id, VolumeName: name, FreeSpace: free } = row as Record<string, unknown>;
    if (typeof id !== 'string' || !driveLetter.test(id) || typeof free !== 'number') continue;
    const letter = id.toUpperCase();
    const volumeName = typeof name === 'string' ? name.trim() : '';
    volumes.push({ mountPath: `${letter}\\`, label: volumeName ? `${volumeName} (${letter})` : letter, freeBytes: free });
  }
  return volumes;
}
