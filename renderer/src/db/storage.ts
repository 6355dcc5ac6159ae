export type PersistenceState = 'persistent' | 'best-effort' | 'unsupported';

/**
 * Asks the browser to keep our data even under storage pressure. Without it a browser may evict
 * IndexedDB for a site it thinks unused: weeks of a field officer's records. Electron always grants it.
 */
export async function requestPersistentStorage(): Promise<PersistenceState> {
  if (!navigator.storage?.persist) return 'unsupported';
  if (await navigator.storage.persisted()) return 'persistent';
  return (await navigator.storage.persist()) ? 'persistent' : 'best-effort';
}

export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
  if (!navigator.storage?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota };
}
