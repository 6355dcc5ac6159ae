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
import fieldReportsEn from '../features/fieldReports/locales/en.json';
import fieldReportsZh from '../features/fieldReports/locales/zh.json';
import reviewEn from '../features/review/locales/en.json';
import reviewZh from '../features/review/locales/zh.json';
import peopleEn from '../features/people/locales/en.json';
import peopleZh from '../features/people/locales/zh.json';
import technologyEn from '../features/technology/locales/en.json';
import technologyZh from '../features/technology/locales/zh.json';
import financeEn from '../features/finance/locales/en.json';
import financeZh from '../features/finance/locales/zh.json';
import resultsEn from '../features/results/locales/en.json';
import resultsZh from '../features/results/locales/zh.json';
import participantsEn from '../features/participants/locales/en.json';
import participantsZh from '../features/participants/locales/zh.json';
import spreadsheetsEn from '../features/spreadsheets/locales/en.json';
import spreadsheetsZh from '../features/spreadsheets/locales/zh.json';
import documentsEn from '../features/documents/locales/en.json';
import documentsZh from '../features/documents/locales/zh.json';
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
    fieldReports: fieldReportsEn,
    review: reviewEn,
    people: peopleEn,
    technology: technologyEn,
    finance: financeEn,
    results: resultsEn,
    participants: participantsEn,
    spreadsheets: spreadsheetsEn,
    documents: documentsEn,
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
    fieldReports: fieldReportsZh,
    review: reviewZh,
    people: peopleZh,
    technology: technologyZh,
    finance: financeZh,
    results: resultsZh,
    participants: participantsZh,
    spreadsheets: spreadsheetsZh,
    documents: documentsZh,
  },
} as const;

export const namespaces = Object.keys(resources.en) as (keyof (typeof resources)['en'])[];
