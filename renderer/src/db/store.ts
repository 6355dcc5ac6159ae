import { ActivityIndex } from './activityIndex';
import { openStepDatabase, type StepDatabase } from './database';
import { createRepository, type Repository } from './repository';
import { createServerSyncData, type ServerSyncData } from './serverSync';

export interface Store {
  db: StepDatabase;
  repository: Repository;
  activityIndex: ActivityIndex;
  /** Network sync's data: enrollment, device keys, cursor, refused changes. */
  serverSync: ServerSyncData;
}

export function createStore(db: StepDatabase = openStepDatabase()): Store {
  const repository = createRepository(db);
  const store = { db, repository, activityIndex: new ActivityIndex(db, repository) };
  return { ...store, serverSync: createServerSyncData(store) };
}

let current: Store | undefined;

/** The app's one store, opened on first use. */
export function getStore(): Store {
  current ??= createStore();
  return current;
}
