import type { StepBridge } from '@shared/bridge/contract';
import { bridgeGlobalName, toBridgeError } from '@shared/bridge/contract';
import { browserBridge } from './browserBridge';
import { onLocalMenuCommand } from './localMenu';

export { emitMenuCommand } from './localMenu';

/**
 * The bridge to whatever hosts the renderer. In Electron, the preload's `window.stepBridge`; in a
 * browser, browserBridge. Either way:
 *   const info = await getBridge().invoke('app:getInfo', undefined);
 *   useEffect(() => getBridge().onMenuCommand((command) => ...), []);
 * A failed invoke rejects with a BridgeError (`error.code`: 'invalid-request', 'failed', ...).
 */
export function getBridge(): StepBridge {
  const host = electronBridge();
  if (!host) return browserBridge;
  return {
    // Electron's contextBridge keeps only an Error's message; turn it back into a BridgeError with a code.
    invoke: (channel, request) =>
      host.invoke(channel, request).catch((error: unknown) => {
        throw toBridgeError(error);
      }),
    // The app's own in-page menus raise commands too (emitMenuCommand); listeners hear both sources.
    onMenuCommand(listener) {
      const fromHost = host.onMenuCommand(listener);
      const fromPage = onLocalMenuCommand(listener);
      return () => {
        fromHost();
        fromPage();
      };
    },
  };
}

function electronBridge(): StepBridge | undefined {
  if (typeof window === 'undefined') return undefined;
  const candidate: unknown = Reflect.get(window, bridgeGlobalName);
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const { invoke, onMenuCommand } = candidate as Partial<StepBridge>;
  return typeof invoke === 'function' && typeof onMenuCommand === 'function' ? (candidate as StepBridge) : undefined;
}
