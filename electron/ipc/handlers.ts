import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog } from 'electron';
import { writeFileAtomic } from '../files/atomicWrite';
import { saveDialogOptions } from '../files/saveDialogOptions';
import type { BridgeHandlers } from './dispatch';

/**
 * What the desktop host does for each channel. Requests arrive already validated (dispatch.ts);
 * anything thrown here reaches the renderer only as "could not complete".
 */
export function createBridgeHandlers(getWindow: () => BrowserWindow | null): BridgeHandlers {
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
