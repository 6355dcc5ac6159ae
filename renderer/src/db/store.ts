import { ActivityIndex } from './activityIndex';
import { createBundleStore, type BundleStore } from './bundleStore';
import { openStepDatabase, type StepDatabase } from './database';
import { createRepository, type Repository } from './repository';
import { createServerSyncData, type ServerSyncData } from './serverSync';

export interface Store {
  db: StepDatabase;
  repository: Repository;
  activityIndex: ActivityIndex;
  /** Network sync's data: enrollment, device keys, cursor, refused changes. */
  serverSync: ServerSyncData;
  /** Bundles' data and the port bundle exchange runs over: kept chunks, progress, log, quarantine, acknowledgements. */
  bundles: BundleStore;
}

export function createStore(db: StepDatabase = openStepDatabase()): Store {
  const repository = createRepository(db);
  const store = { db, repository, activityIndex: new ActivityIndex(db, repository) };
  const serverSync = createServerSyncData(store);
  return { ...store, serverSync, bundles: createBundleStore({ ...store, serverSync }) };
}

let current: Store | undefined;

/** The app's one store, opened on first use. */
export function getStore(): Store {
  current ??= createStore();
  return current;
}
