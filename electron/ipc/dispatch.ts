import type { BridgeChannel, BridgeReply, BridgeRequest, BridgeResponse } from '@shared/bridge/contract';
import { bridgeContract, BridgeError } from '@shared/bridge/contract';
import type { InvokeSender } from '../security/ipcGuard';
import { guardInvoke } from '../security/ipcGuard';

/**
 * One handler per channel of the contract; the mapped type makes a missing handler a compile error.
 * Handlers receive a request that has already passed the guard and may throw: dispatch turns that into
 * a reply with code 'failed' and logs the details in the main process only. A handler that means the
 * renderer to know why (a full drive, a pulled stick) throws a BridgeError: its code and sentence pass
 * as they are, so its sentence must hold no path.
 */
export type BridgeHandlers = { [C in BridgeChannel]: (request: BridgeRequest<C>) => Promise<BridgeResponse<C>> };

export type Logger = (message: string, error?: unknown) => void;

export async function dispatchInvoke(
  handlers: BridgeHandlers,
  channel: unknown,
  sender: InvokeSender,
  payload: unknown,
  log: Logger = console.error,
): Promise<BridgeReply> {
  const guarded = guardInvoke(channel, sender, payload);
  if (!guarded.ok) {
    log(`bridge: refused ${String(channel)} from ${String(sender.frameUrl)}: ${guarded.error.code}`);
    return guarded;
  }
  let value: unknown;
  try {
    // TypeScript cannot follow the channel/request correlation through the union; guardInvoke built it.
    const handler = handlers[guarded.channel] as (request: unknown) => Promise<unknown>;
    value = await handler(guarded.request);
  } catch (error) {
    log(`bridge: ${guarded.channel} failed`, error);
    if (error instanceof BridgeError) return { ok: false, error: { code: error.code, message: error.detail } };
    return { ok: false, error: { code: 'failed', message: `The desktop app could not complete ${guarded.channel}.` } };
  }
  const checked = bridgeContract[guarded.channel].response.safeParse(value);
  if (!checked.success) {
    log(`bridge: ${guarded.channel} produced a reply that breaks the contract`, checked.error);
    return { ok: false, error: { code: 'invalid-response', message: `The desktop app gave an invalid reply to ${guarded.channel}.` } };
  }
  return { ok: true, value: checked.data };
}
