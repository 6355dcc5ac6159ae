import type { AppInfo, BridgeChannel, BridgeRequest, BridgeResponse, StepBridge } from '@shared/bridge/contract';
import { appVersion, BridgeError, isBridgeChannel, parseBridgeRequest, toBridgeError } from '@shared/bridge/contract';
import { onLocalMenuCommand } from './localMenu';
import { saveFile } from './saveFile';

export { emitMenuCommand } from './localMenu';

/**
 * The bridge when the app runs in a plain browser (`npm run web`): the same contract, answered with
 * browser APIs. Requests are checked with the same schemas as Electron's main, so code that works in
 * one host does not fail only in the other.
 */
type Handlers = { [C in BridgeChannel]: (request: BridgeRequest<C>) => Promise<BridgeResponse<C>> };

const handlers: Handlers = {
  'app:getInfo': async () => browserInfo(),
  'files:saveAs': saveFile,
  // A page cannot see the computer's drives: the desk offers `files:saveAs` instead.
  'drives:list': async () => ({ supported: false, drives: [] }),
  'bundle:writeToDrive': async () => {
    throw new BridgeError('unavailable', 'Writing to a drive needs the desktop app; save the file instead.');
  },
};

export const browserBridge: StepBridge = {
  async invoke(channel, request) {
    if (!isBridgeChannel(channel)) throw new BridgeError('unknown-channel', `Unknown channel ${JSON.stringify(String(channel))}.`);
    const parsed = parseBridgeRequest(channel, request);
    if (!parsed.ok) throw new BridgeError(parsed.error.code, parsed.error.message);
    const handler = handlers[channel] as (request: unknown) => Promise<BridgeResponse<typeof channel>>;
    try {
      return await handler(parsed.request);
    } catch (error) {
      throw toBridgeError(error);
    }
  },
  onMenuCommand: onLocalMenuCommand,
};

interface UserAgentData {
  platform?: string;
  brands?: { brand: string; version: string }[];
}

function browserInfo(): AppInfo {
  // userAgentData is Chromium-only; navigator.platform is deprecated but everywhere.
  const uaData = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  const chromeVersion = uaData?.brands?.find((entry) => entry.brand === 'Chromium')?.version;
  return {
    host: 'browser',
    appVersion,
    platform: uaData?.platform || navigator.platform || 'unknown',
    ...(chromeVersion ? { chromeVersion } : {}),
  };
}
