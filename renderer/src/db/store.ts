import { ActivityIndex } from './activityIndex';
import { openStepDatabase, type StepDatabase } from './database';
import { createRepository, type Repository } from './repository';

export interface Store {
  db: StepDatabase;
  repository: Repository;
  activityIndex: ActivityIndex;
}

export function createStore(db: StepDatabase = openStepDatabase()): Store {
  const repository = createRepository(db);
  return { db, repository, activityIndex: new ActivityIndex(db, repository) };
}

let current: Store | undefined;

/** The app's one store, opened on first use. */
export function getStore(): Store {
  current ??= createStore();
  return current;
}
