import { budgetStatuses, budgetTypes, disaggregationDimensions, indicatorMeasures, resultTypes, transactionTypes } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import { flattenTranslations, type TranslationTree } from '../../i18n/translationTree';
import resultsEn from '../results/locales/en.json';
import resultsZh from '../results/locales/zh.json';
import financeEn from './locales/en.json';
import financeZh from './locales/zh.json';

/** Keys the money and results screens build from the schemas' codes (the completeness test sees only literal keys). */
describe('labels of the finance and results codes', () => {
  it.each([
    ['finance', financeEn, financeZh],
    ['results', resultsEn, resultsZh],
  ] as const)('%s has a label for every code, in English and Chinese', (ns, en, zh) => {
    const keys =
      ns === 'finance'
        ? [...transactionTypes.map((c) => `transactionTypes.${c}`), ...budgetTypes.map((c) => `budgetTypes.${c}`), ...budgetStatuses.map((c) => `budgetStatuses.${c}`), 'fields.providerOrganizationId', 'fields.receiverOrganizationId']
        : [
            ...resultTypes.map((c) => `resultTypes.${c}`),
            ...indicatorMeasures.map((c) => `measures.${c}`),
            ...disaggregationDimensions.map((c) => `dimensions.${c}`),
            ...['result', 'indicator', 'indicatorPeriod'].map((e) => `section.confirmDelete.${e}`),
          ];
    for (const table of [en, zh]) {
      const flat = flattenTranslations(table as TranslationTree);
      expect(keys.filter((key) => !flat.get(key))).toEqual([]);
    }
  });
});
