import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog } from 'electron';
import { BridgeError } from '@shared/bridge/contract';
import { writeFileAtomic } from '../files/atomicWrite';
import { writeVerifiedToDrive } from '../files/driveWrite';
import { nodeDriveProbe } from '../files/nodeDriveProbe';
import type { DriveProbe } from '../files/removableDrives';
import { driveIdMaker, listRemovableDrives } from '../files/removableDrives';
import { saveDialogOptions } from '../files/saveDialogOptions';
import type { BridgeHandlers } from './dispatch';

/**
 * What the desktop host does for each channel. Requests arrive already validated (dispatch.ts);
 * anything thrown here reaches the renderer only as "could not complete", except a BridgeError, whose
 * code and path-free sentence are passed on (a full drive, a pulled stick).
 */
export function createBridgeHandlers(getWindow: () => BrowserWindow | null, probe: DriveProbe = nodeDriveProbe()): BridgeHandlers {
  // Drive ids mean something for this run of the app only (removableDrives.ts, driveIdMaker).
  const driveId = driveIdMaker(randomBytes(32));
  const drives = () => listRemovableDrives(probe, driveId);

  return {
    'app:getInfo': async () => ({
      host: 'electron',
      appVersion: app.getVersion(),
      platform: process.platform,
      electronVersion: process.versions.electron,
      chromeVersion: process.versions.chrome,
    }),

    'files:saveAs': async ({ suggestedName, data }) => {
      const options = saveDialogOptions(suggestedName, startFolder());
      const window = getWindow();
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      await writeFileAtomic(choice.filePath, data);
      return { saved: true, fileName: path.basename(choice.filePath) };
    },

    'drives:list': async () => ({
      supported: true,
      drives: (await drives()).map(({ id, label, freeBytes, writable }) => ({ id, label, writable, ...(freeBytes !== undefined ? { freeBytes } : {}) })),
    }),

    'bundle:writeToDrive': async ({ driveId: wanted, fileName, data }) => {
      // Listed again, not remembered: the id must name a drive that is plugged in now.
      const drive = (await drives()).find((candidate) => candidate.id === wanted);
      if (!drive) throw new BridgeError('drive-gone', 'The drive is no longer connected.');
      return writeVerifiedToDrive(drive.mountPath, fileName, data);
    },
  };
}

function startFolder(): string {
  // getPath throws when the OS has no such folder configured (some minimal Linux desktops).
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home');
  }
}
