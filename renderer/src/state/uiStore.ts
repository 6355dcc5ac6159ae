import type { UiLanguage } from '@shared/domain';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { defaultActivitySort, emptyActivityFilter, type ActivityFilter, type ActivitySort } from '../db/activityIndex';

interface UiState {
  language: UiLanguage;
  /** The filter the activity list showed last (the list's URL is its truth): "Back to activities" returns to it. */
  activityFilter: ActivityFilter;
  activitySort: ActivitySort;
  setLanguage(language: UiLanguage): void;
  setActivityFilter(filter: ActivityFilter): void;
  setActivitySort(sort: ActivitySort): void;
  /** Photos are downscaled on this computer to this longest side (px) before they are stored. */
  photoMaxDimension: PhotoMaxDimension;
  /** The JPEG quality (0-1) of a downscaled photo. */
  photoQuality: number;
  setPhotoMaxDimension(size: PhotoMaxDimension): void;
  setPhotoQuality(quality: number): void;
}

/** The photo sizes offered in the settings: from "enough to see the site" to "enough to read a sign". */
export const photoMaxDimensions = [800, 1280, 1600, 2048] as const;
export type PhotoMaxDimension = (typeof photoMaxDimensions)[number];
/** 1600 px: a sharp full-screen photo on a laptop, about 300-500 KB as JPEG, where the camera's is 4-8 MB. */
export const defaultPhotoMaxDimension: PhotoMaxDimension = 1600;
export const defaultPhotoQuality = 0.85;

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
      setActivityFilter: (activityFilter) => set({ activityFilter }),
      setActivitySort: (activitySort) => set({ activitySort }),
      photoMaxDimension: defaultPhotoMaxDimension,
      photoQuality: defaultPhotoQuality,
      setPhotoMaxDimension: (photoMaxDimension) => set({ photoMaxDimension }),
      setPhotoQuality: (photoQuality) => set({ photoQuality: Math.min(1, Math.max(0.3, photoQuality)) }),
    }),
    {
      name: 'step-desk-ui',
      version: 1,
      partialize: (state) => ({ language: state.language, activitySort: state.activitySort, photoMaxDimension: state.photoMaxDimension, photoQuality: state.photoQuality }),
    },
  ),
);
