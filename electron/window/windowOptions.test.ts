import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './windowOptions';

describe('main window options', () => {
  it('isolates the page from Node and the preload', () => {
    const preferences = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences;
    expect(preferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('waits for the first paint before showing', () => {
    expect(mainWindowOptions('p').show).toBe(false);
  });
});
