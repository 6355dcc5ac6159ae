import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeReply } from '@shared/bridge/channels';
import { bridgeGlobalName, formatBridgeError, isBridgeChannel, isMenuCommand, menuCommandEvent } from '@shared/bridge/channels';
// Types only: erased at build time, so zod stays out of this bundle.
import type { BridgeResponse, StepBridge } from '@shared/bridge/contract';

/**
 * The only thing the page gets from Electron: `window.stepBridge` with `invoke` (contract channels
 * only) and `onMenuCommand`. ipcRenderer itself, the IPC event object and Node stay on this side of
 * the context bridge. Main validates every payload again; the checks here only fail fast.
 *
 * Runs sandboxed: it may require 'electron' but no npm module, hence bundled by scripts/build-electron.mjs,
 * and importing only the zod-free half of the contract.
 */
const bridge: StepBridge = {
  async invoke(channel, request) {
    if (!isBridgeChannel(channel)) {
      throw new Error(formatBridgeError({ code: 'unknown-channel', message: `Unknown channel ${JSON.stringify(String(channel))}.` }));
    }
    const reply = (await ipcRenderer.invoke(channel, request)) as BridgeReply;
    if (reply.ok) return reply.value as BridgeResponse<typeof channel>;
    throw new Error(formatBridgeError(reply.error));
  },

  onMenuCommand(listener) {
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(menuCommandEvent, forward);
    return () => {
      ipcRenderer.removeListener(menuCommandEvent, forward);
    };
  },
};

contextBridge.exposeInMainWorld(bridgeGlobalName, bridge);
