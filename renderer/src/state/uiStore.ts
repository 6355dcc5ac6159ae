import type { UiLanguage } from '@shared/domain';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { defaultActivitySort, emptyActivityFilter, type ActivityFilter, type ActivitySort } from '../db/activityIndex';

interface UiState {
  language: UiLanguage;
  activityFilter: ActivityFilter;
  activitySort: ActivitySort;
  setLanguage(language: UiLanguage): void;
  setActivityFilter(patch: Partial<ActivityFilter>): void;
  clearActivityFilter(): void;
  setActivitySort(sort: ActivitySort): void;
}

function initialLanguage(): UiLanguage {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** UI state that outlives a screen. The language and the list's sort persist across restarts. */
export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      language: initialLanguage(),
      activityFilter: emptyActivityFilter,
      activitySort: defaultActivitySort,
      setLanguage: (language) => set({ language }),
      setActivityFilter: (patch) => set((state) => ({ activityFilter: { ...state.activityFilter, ...patch } })),
      clearActivityFilter: () => set({ activityFilter: emptyActivityFilter }),
      setActivitySort: (activitySort) => set({ activitySort }),
    }),
    {
      name: 'step-desk-ui',
      version: 1,
      partialize: (state) => ({ language: state.language, activitySort: state.activitySort }),
    },
  ),
);
