import './fonts';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startI18n } from './i18n';
import { requestPersistentStorage } from './db/storage';
import { getStore } from './db/store';
import { startServerSync } from './features/sync/syncController';
import { usePersistenceStore } from './state/persistenceStore';

startI18n();
void requestPersistentStorage().then((state) => usePersistenceStore.getState().set(state));
// Records kept before this version of the desk had a change log start syncing like any other.
getStore()
  .repository.adoptUntracked()
  .catch((error: unknown) => console.error('Could not prepare older records for sync', error));
// An enrolled computer syncs with the server in the background from now on (features/sync).
startServerSync().catch((error: unknown) => console.error('Could not start network sync', error));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
