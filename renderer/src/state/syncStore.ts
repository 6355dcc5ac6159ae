import type { UserInfo } from '@shared/api/contract';
import type { SchedulerState } from '@shared/sync/syncScheduler';
import { create } from 'zustand';
import type { Enrollment } from '../db/serverSync';

/** Between "Sign in" and "Enroll this computer": held in memory only, never stored. */
export interface SignInSession {
  serverUrl: string;
  serverPublicKey: string;
  /** The server's X25519 key from serverInfo, pinned at enrollment with serverPublicKey (bundles to the server). */
  serverEncryptionPublicKey?: string;
  serverVersion: string;
  token: string;
  user: UserInfo;
}

export interface SyncUiState {
  /** The stored enrollment has been read (until then, the Sync page shows nothing of it). */
  loaded: boolean;
  enrollment?: Enrollment;
  session?: SignInSession;
  status: SchedulerState;
  /** Bumped when the list of refused changes may have changed. */
  refusalsRevision: number;
  /** How many refused changes are waiting to be looked at. */
  refusalsCount: number;
}

export const idleStatus: SchedulerState = { phase: 'idle', failures: 0 };

/** Network sync as the screens see it; syncController.ts is the only writer. Not persisted. */
export const useSyncStore = create<SyncUiState>()(() => ({ loaded: false, status: idleStatus, refusalsRevision: 0, refusalsCount: 0 }));
