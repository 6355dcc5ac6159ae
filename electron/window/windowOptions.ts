import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window. Every webPreferences line below is a security decision, spelled out even where it
 * matches Electron's default, so that a default changing (or someone "just trying something") shows
 * up in a diff and fails windowOptions.test.ts.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'STEP desk',
    // Shown on 'ready-to-show', so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      // The page and the preload run in separate JavaScript worlds; the page only sees stepBridge.
      contextIsolation: true,
      // The renderer process runs in Chromium's OS sandbox, and the preload gets no Node.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Same-origin policy and mixed-content blocking stay on.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A page cannot trap the user in an endless series of alert() dialogs.
      safeDialogs: true,
      // A file dropped on the window must not replace the app (will-navigate refuses it as well).
      navigateOnDragDrop: false,
    },
  };
}
