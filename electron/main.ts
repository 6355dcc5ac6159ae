import path from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { MenuCommand } from '@shared/bridge/contract';
import { bridgeChannels, menuCommandEvent } from '@shared/bridge/contract';
import { dispatchInvoke } from './ipc/dispatch';
import { createBridgeHandlers } from './ipc/handlers';
import { buildMenuTemplate } from './menu/menuTemplate';
import { serveAppRequest } from './protocol/serveApp';
import { appEntryUrl, appScheme } from './security/appProtocol';
import type { InvokeSender } from './security/ipcGuard';
import { isPermissionGranted } from './security/permissions';
import { decideWindowOpen, isAllowedNavigation } from './security/urlPolicy';
import { mainWindowOptions } from './window/windowOptions';

/**
 * The Electron main process: wiring only. Every decision (which URL, which path, which permission,
 * which payload) is made by a module under security/ that Node can test without Electron.
 */

// Both must happen before 'ready': a scheme's privileges and the sandbox cannot be granted later.
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

// The bundle lives in dist/electron, next to dist/renderer (scripts/build-electron.mjs).
const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

// One instance only: two would write the same local database from two processes.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Both can fire before 'ready' (a second launch racing the first); start() shows the window then.
  const showWhenReady = () => {
    if (app.isReady()) showMainWindow();
  };
  app.on('second-instance', showWhenReady);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showWhenReady);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('STEP desk could not start', error);
      app.exit(1);
    });
}

function start(): void {
  protocol.handle(appScheme, (request) => serveAppRequest(request, rendererRoot));

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }),
  );
  // WebUSB, WebHID, Web Serial: no device is ever handed to the page.
  ses.setDevicePermissionHandler(() => false);

  const handlers = createBridgeHandlers(() => mainWindow);
  for (const channel of bridgeChannels) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatchInvoke(handlers, channel, senderOf(event), payload));
  }

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', isDevelopment: !app.isPackaged, send: sendMenuCommand })),
  );

  showMainWindow();
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(appEntryUrl);
  return window;
}

function showMainWindow(): BrowserWindow {
  mainWindow ??= createMainWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  return mainWindow;
}

function sendMenuCommand(command: MenuCommand): void {
  const { webContents } = showMainWindow();
  // On macOS the menu outlives the window; a fresh window hears the command once its page is loaded.
  if (webContents.isLoading()) webContents.once('did-finish-load', () => webContents.send(menuCommandEvent, command));
  else webContents.send(menuCommandEvent, command);
}

/** Only the top frame of the app's own window counts as a trusted sender (plus its URL, see ipcGuard). */
function senderOf(event: IpcMainInvokeEvent): InvokeSender {
  const frame = event.senderFrame;
  const inMainWindow = mainWindow !== null && !mainWindow.isDestroyed() && event.sender === mainWindow.webContents;
  return { frameUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null && inMainWindow };
}

/** Applied to every WebContents Electron creates (windows, devtools, anything a page might spawn). */
function lockDown(contents: WebContents): void {
  const refuseUnlessAllowed = (kind: string) => (event: Electron.Event<{ url: string }>) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    console.warn(`Refused ${kind} to ${event.url}`);
  };
  contents.on('will-navigate', refuseUnlessAllowed('navigation'));
  contents.on('will-frame-navigate', refuseUnlessAllowed('frame navigation'));
  contents.on('will-redirect', refuseUnlessAllowed('redirect'));

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}
