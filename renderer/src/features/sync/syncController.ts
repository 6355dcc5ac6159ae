import { ApiFailure, createApiClient, normalizeBaseUrl, type ApiClient, type FetchLike } from '@shared/api/client';
import { isAllowedServerUrl } from '@shared/security/csp';
import { acknowledgeServerReceived } from '@shared/bundle/exchange';
import { syncApiOf, syncFailureKind, syncOnce } from '@shared/sync/netSync';
import { SyncScheduler } from '@shared/sync/syncScheduler';
import { uploadPendingBlobs } from '../../db/blobs';
import { relayBeforePush } from '../bundles/relayToServer';
import type { Enrollment } from '../../db/serverSync';
import { getStore } from '../../db/store';
import { idleStatus, useSyncStore, type SignInSession } from '../../state/syncStore';
import { requestEnrollment } from './enrollment';
import { learnServerStatements } from './serverStatements';
import { principalOf } from '../../state/principal';

/**
 * Network sync in the desk: sign-in and enrollment, then a SyncScheduler that syncs in the background
 * for as long as the desk is open. The one writer of useSyncStore. Data access goes through db/.
 */

/** No answer within this long counts as no answer ("network"), retried with backoff like any other. */
const requestTimeoutMs = 60_000;
/** Changes per pull: each chunk is one IndexedDB transaction, short enough not to hold up a form's save. */
const pullLimit = 1000;

const fetchWithin =
  (timeoutMs: number): FetchLike =>
  (url, init) =>
    fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(init.signal ? [init.signal as AbortSignal] : [])]),
      // Bearer tokens and signatures only: no cookies, no cached answers.
      credentials: 'omit',
      cache: 'no-store',
    });
const browserFetch = fetchWithin(requestTimeoutMs);
/**
 * A file (up to 25 MiB) over a field link takes long: its request may take the usual minute plus one
 * second per 16 KiB (a 128 kbit/s line), half an hour for the largest.
 */
const transferFetch = (bytes: number) => fetchWithin(requestTimeoutMs + Math.ceil(bytes / 16_384) * 1000);

let scheduler: SyncScheduler | undefined;
let unwire: (() => void) | undefined;

function deviceApi(enrollment: Enrollment, fetchLike: FetchLike = browserFetch): ApiClient {
  const { serverSync, repository } = getStore();
  return createApiClient({
    baseUrl: enrollment.serverUrl,
    fetch: fetchLike,
    getDeviceSigner: async () => {
      const keys = await serverSync.storedKeyPair();
      return keys ? { deviceId: await repository.deviceId(), privateKey: keys.privateKey } : undefined;
    },
  });
}

async function refreshRefusalCount(): Promise<void> {
  const { total } = await getStore().serverSync.refusals(0);
  useSyncStore.setState((state) => ({ refusalsCount: total, refusalsRevision: state.refusalsRevision + 1 }));
}

async function begin(enrollment: Enrollment): Promise<void> {
  const { serverSync, repository } = getStore();
  repository.setAuthor(`user:${enrollment.user.id}`);
  repository.setPrincipal(principalOf(enrollment));
  const client = deviceApi(enrollment);
  const api = syncApiOf(client);
  const last = await serverSync.loadLastSync();
  scheduler?.dispose();
  const current = new SyncScheduler({
    sync: async (onProgress, signal) => {
      // Other devices' changes this desk holds from USB bundles go first: its own may refer to them.
      await relayBeforePush(onProgress, signal);
      const summary = await syncOnce(serverSync.port, api, onProgress, { signal, pullLimit });
      await serverSync.saveLastSync({ at: Date.now(), summary });
      // What the server said it holds of this device's changes is also what bundles report as reached.
      const { received } = await serverSync.port.loadState();
      await acknowledgeServerReceived(getStore().bundles.port, await repository.deviceId(), received);
      // Then the files of documents made here (their records are on the server now). A file is unqueued only
      // once the server holds it; no answer or a stop fails the round (retried), another refusal is logged.
      const uploads = await uploadPendingBlobs(
        async (sha256, bytes) => {
          await deviceApi(enrollment, transferFetch(bytes.byteLength)).call('putAttachment', { params: { sha256 }, body: bytes, signal });
        },
        { isFatal: (error) => syncFailureKind(error) !== 'failed' },
      );
      for (const { sha256, error } of uploads.failed) console.warn(`sync: file ${sha256} was not uploaded (${error instanceof Error ? error.message : String(error)}); it stays queued`);
      // Revocations and the server's signed ack, for the bundles this desk imports and carries. Never fails
      // the round (its changes are in); a problem is logged and the next round tries again.
      const { problems } = await learnServerStatements({ api: client, serverPublicKey: enrollment.serverPublicKey, port: getStore().bundles.port });
      for (const problem of problems) console.warn(`sync: the server's ${problem.statement} statement was not kept (${problem.reason}${problem.detail ? `: ${problem.detail}` : ''})`);
      if (summary.refused > 0) await refreshRefusalCount();
      return summary;
    },
    timers: { setTimeout: (callback, ms) => window.setTimeout(callback, ms), clearTimeout: (handle) => window.clearTimeout(handle as number) },
    now: Date.now,
    random: Math.random,
    makeAbort: () => new AbortController(),
    isOnline: () => navigator.onLine,
    lastSuccessAt: last?.at,
    onState: (status) => useSyncStore.setState({ status }),
  });
  scheduler = current;
  useSyncStore.setState({ status: current.state });

  const online = () => current.online();
  const offline = () => current.offline();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  // Only this computer's own writes call for a push; what a sync applies does not.
  const unsubscribe = repository.subscribe((_changes, origin) => origin === 'local' && current.localChange());
  unwire = () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    unsubscribe();
  };
  current.start();
}

/** At the desk's start: if this computer is enrolled, sync in the background from now on. */
export async function startServerSync(): Promise<void> {
  const { serverSync } = getStore();
  const enrollment = await serverSync.loadEnrollment();
  useSyncStore.setState({ loaded: true, enrollment });
  await refreshRefusalCount();
  if (enrollment) await begin(enrollment);
}

/** Why a typed server address cannot be used, or undefined when it can. */
export function serverAddressProblem(serverUrl: string): 'invalid' | 'insecure' | undefined {
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(serverUrl);
  } catch {
    return 'invalid';
  }
  return isAllowedServerUrl(baseUrl) ? undefined : 'insecure';
}

/** Checks the address, then signs in: the session (token) is kept in memory until enrollment. */
export async function signIn(serverUrl: string, username: string, password: string): Promise<SignInSession> {
  const baseUrl = normalizeBaseUrl(serverUrl);
  // The form says so first (serverAddressProblem); this is the backstop.
  if (!isAllowedServerUrl(baseUrl)) throw new ApiFailure('invalid-request', 0, 'plain http is allowed only to this computer');
  const api = createApiClient({ baseUrl, fetch: browserFetch });
  const info = await api.call('serverInfo');
  const answer = await api.call('signIn', { body: { username: username.trim(), password } });
  const session: SignInSession = {
    serverUrl: baseUrl,
    serverPublicKey: info.publicKey,
    serverEncryptionPublicKey: info.encryptionPublicKey,
    serverVersion: info.version,
    token: answer.token,
    user: answer.user,
  };
  useSyncStore.setState({ session });
  return session;
}

/** Ends the sign-in session on the server (best effort) and forgets its token. */
export async function endSession(): Promise<void> {
  const session = useSyncStore.getState().session;
  useSyncStore.setState({ session: undefined });
  if (!session) return;
  await createApiClient({ baseUrl: session.serverUrl, fetch: browserFetch, getToken: () => session.token })
    .call('signOut')
    .catch(() => undefined);
}

/**
 * Enrolls this computer with the signed-in session: sends this device's public keys (signing and
 * encryption), checks that the certificate that comes back is for this device and its keys and signed by
 * the key the server showed at sign-in (pinned from now on, with the server's encryption key), stores it,
 * ends the session, and starts syncing.
 */
export async function enrollThisComputer(name: string): Promise<Enrollment> {
  const session = useSyncStore.getState().session;
  if (!session) throw new ApiFailure('unauthenticated', 0, 'sign in first');
  const { serverSync, repository } = getStore();
  const api = createApiClient({ baseUrl: session.serverUrl, fetch: browserFetch, getToken: () => session.token });
  const enrollment = await requestEnrollment({ api, session, serverSync, deviceId: await repository.deviceId(), name });
  await serverSync.saveEnrollment(enrollment);
  await endSession();
  useSyncStore.setState({ enrollment });
  await begin(enrollment);
  return enrollment;
}

/**
 * The bytes of a file this desk does not hold (a document that came by sync), from the server; undefined
 * when there is no way to ask (not enrolled, or the browser says it is offline). Throws ApiFailure
 * (`not-found`: the server does not have it yet either).
 */
export async function downloadAttachment(sha256: string, sizeBytes = 0): Promise<Uint8Array | undefined> {
  if (!navigator.onLine) return undefined;
  const enrollment = await getStore().serverSync.loadEnrollment();
  if (!enrollment) return undefined;
  return deviceApi(enrollment, transferFetch(sizeBytes)).call('getAttachment', { params: { sha256 } });
}

/** "Sync now": a round at once, whatever the backoff (or a stop) said. */
export function syncNow(): Promise<void> {
  return scheduler?.syncNow() ?? Promise.resolve();
}

/**
 * Signs this computer out of the server: automatic sync stops, the certificate and the sync position are
 * forgotten (the key pair stays: see serverSync.forgetEnrollment), later changes are the device's own
 * again. The records stay on this computer. The stored enrollment goes first: if that fails, the desk
 * is still enrolled and still syncing, and the caller shows the error.
 */
export async function forgetThisComputer(): Promise<void> {
  const { serverSync, repository } = getStore();
  await serverSync.forgetEnrollment();
  unwire?.();
  unwire = undefined;
  scheduler?.dispose();
  scheduler = undefined;
  repository.setAuthor(undefined);
  repository.setPrincipal(undefined);
  useSyncStore.setState({ enrollment: undefined, status: idleStatus });
}

export async function dismissRefusals(seqs?: readonly number[]): Promise<void> {
  await getStore().serverSync.dismissRefusals(seqs);
  await refreshRefusalCount();
}
