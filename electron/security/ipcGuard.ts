import type { BridgeChannel, BridgeFailure, BridgeRequest } from '@shared/bridge/contract';
import { isBridgeChannel, parseBridgeRequest } from '@shared/bridge/contract';
import { isTrustedSender } from './urlPolicy';

/**
 * The gate every invoke passes before a handler runs. The renderer is treated as possibly compromised
 * (it renders imported data), so we check, in this order: is it a channel of the contract, does it
 * come from the app's own page in the main frame, and does the payload parse with the channel's
 * request schema. The result is a value, never an exception: whatever goes wrong reaches the renderer
 * as a code and a sentence, never as a stack trace.
 */

export interface InvokeSender {
  /** event.senderFrame?.url — undefined when the frame is already gone. */
  frameUrl: string | null | undefined;
  /** event.senderFrame is the main frame of its WebContents (no iframes, even our own). */
  isMainFrame: boolean;
}

export type GuardedInvoke = { [C in BridgeChannel]: { ok: true; channel: C; request: BridgeRequest<C> } }[BridgeChannel];
export type GuardResult = GuardedInvoke | { ok: false; error: BridgeFailure };

export function guardInvoke(channel: unknown, sender: InvokeSender, payload: unknown): GuardResult {
  if (!isBridgeChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${typeof channel === 'string' ? JSON.stringify(channel.slice(0, 64)) : `(a ${typeof channel})`}.` } };
  }
  if (!sender.isMainFrame || !isTrustedSender(sender.frameUrl)) {
    return { ok: false, error: { code: 'untrusted-sender', message: `${channel} is only available to the app's own page.` } };
  }
  const parsed = parseBridgeRequest(channel, payload);
  if (!parsed.ok) return parsed;
  return { ok: true, channel, request: parsed.request } as GuardedInvoke;
}
