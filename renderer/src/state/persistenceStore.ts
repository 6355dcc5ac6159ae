import { create } from 'zustand';
import type { PersistenceState } from '../db/storage';

export const usePersistenceStore = create<{ state: PersistenceState | 'pending'; set: (state: PersistenceState) => void }>()(
  (set) => ({ state: 'pending', set: (state) => set({ state }) }),
);
