import commonEn from '../app/locales/en.json';
import commonZh from '../app/locales/zh.json';
import activitiesEn from '../features/activities/locales/en.json';
import activitiesZh from '../features/activities/locales/zh.json';
import bundlesEn from '../features/bundles/locales/en.json';
import bundlesZh from '../features/bundles/locales/zh.json';
import conflictsEn from '../features/conflicts/locales/en.json';
import conflictsZh from '../features/conflicts/locales/zh.json';
import dataEn from '../features/data/locales/en.json';
import dataZh from '../features/data/locales/zh.json';
import historyEn from '../features/history/locales/en.json';
import historyZh from '../features/history/locales/zh.json';
import organizationsEn from '../features/organizations/locales/en.json';
import organizationsZh from '../features/organizations/locales/zh.json';
import settingsEn from '../features/settings/locales/en.json';
import settingsZh from '../features/settings/locales/zh.json';
import syncEn from '../features/sync/locales/en.json';
import syncZh from '../features/sync/locales/zh.json';
import validationEn from './validation/en.json';
import validationZh from './validation/zh.json';

/** Each feature owns its translations; this file only gathers them. */
export const resources = {
  en: {
    common: commonEn,
    validation: validationEn,
    activities: activitiesEn,
    organizations: organizationsEn,
    data: dataEn,
    settings: settingsEn,
    history: historyEn,
    conflicts: conflictsEn,
    sync: syncEn,
    bundles: bundlesEn,
  },
  zh: {
    common: commonZh,
    validation: validationZh,
    activities: activitiesZh,
    organizations: organizationsZh,
    data: dataZh,
    settings: settingsZh,
    history: historyZh,
    conflicts: conflictsZh,
    sync: syncZh,
    bundles: bundlesZh,
  },
} as const;

export const namespaces = Object.keys(resources.en) as (keyof (typeof resources)['en'])[];
