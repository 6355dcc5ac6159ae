import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/bridge/contract';

/**
 * The application menu, as data. Items that belong to the app do nothing here but send a MenuCommand
 * to the renderer (which owns the screens and the dialogs); items that belong to the OS (quit, copy,
 * paste, window) use Electron roles. macOS puts Settings and Quit in the app menu, others in File.
 *
 * Labels are English for now: the renderer knows the user's UI language, main does not yet.
 */
export interface MenuTemplateOptions {
  isMac: boolean;
  /** Reload and developer tools only in unpackaged builds. */
  isDevelopment: boolean;
  send: (command: MenuCommand) => void;
}

export function buildMenuTemplate({ isMac, isDevelopment, send }: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const command = (label: string, menuCommand: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(menuCommand),
  });
  const settings = command(isMac ? 'Settings…' : 'Settings', 'go-settings', 'CmdOrCtrl+,');

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'STEP desk',
          submenu: [{ role: 'about' }, { type: 'separator' }, settings, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('Import records…', 'import-records', 'CmdOrCtrl+O'),
      command('Load demo data…', 'load-demo-data'),
      { type: 'separator' },
      // Sync by USB stick (issue 5): both open the Bundles page, at the export or the import step.
      command('Export sync bundle…', 'export-bundle', 'CmdOrCtrl+Shift+E'),
      command('Import sync bundle…', 'import-bundle'),
      ...(isMac ? [] : [{ type: 'separator' } as const, settings, { type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  // Without an Edit menu, copy/paste shortcuts do nothing in text fields on macOS.
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      command('Activities', 'go-activities', 'CmdOrCtrl+1'),
      command('Organizations', 'go-organizations', 'CmdOrCtrl+2'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(isDevelopment ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const window: MenuItemConstructorOptions = { role: 'windowMenu' };

  return [...appMenu, file, edit, view, window];
}
