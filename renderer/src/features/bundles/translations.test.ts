import { bundleImportResponseSchema } from '@shared/api/contract';
import { bridgeErrorCodes } from '@shared/bridge/contract';
import { bundleErrorCodes } from '@shared/bundle/errors';
import type { BundleLogEntry, QuarantineReason } from '@shared/bundle/port';
import type { BundleProgress } from '@shared/bundle/types';
import { describe, expect, it } from 'vitest';
import { flattenTranslations as flatten } from '../../i18n/translationTree';
import { sentenceParams } from './bundleFailure';
import en from './locales/en.json';
import zh from './locales/zh.json';


const tables = { en: flatten(en), zh: flatten(zh) };
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] as string).sort();
/** A key as the code asks for it: plural keys by their `_other` form (Chinese has no `_one`). */
const has = (table: Map<string, string>, key: string) => table.has(key) || table.has(`${key}_other`);

/** Lists of the codes that exist only as types in shared/: `satisfies` fails to compile when one is missing. */
const quarantineReasons = ['invalid-value', 'unknown-field', 'out-of-scope', 'moves-out-of-scope', 'locked', 'workflow'] as const satisfies readonly QuarantineReason[];
const progressPhases = ['seal', 'encrypt', 'zip', 'read', 'verify', 'decrypt', 'apply'] as const satisfies readonly BundleProgress['phase'][];
const logResults = ['ok', 'nothing-new', 'partial', 'refused'] as const satisfies readonly BundleLogEntry['result'][];
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const complete: [Missing<QuarantineReason, (typeof quarantineReasons)[number]>, Missing<BundleProgress['phase'], (typeof progressPhases)[number]>, Missing<BundleLogEntry['result'], (typeof logResults)[number]>] = [true, true, true];

describe('bundle translations', () => {
  it.each(['en', 'zh'] as const)('%s has a sentence for every bundle refusal, host failure, reason, phase and result', (language) => {
    expect(complete).toEqual([true, true, true]);
    const keys = [
      ...bundleErrorCodes.map((code) => `errors.${code}`),
      ...bridgeErrorCodes.map((code) => `bridge.${code}`),
      ...quarantineReasons.map((reason) => `reasons.${reason}`),
      ...progressPhases.map((phase) => `progress.${phase}`),
      ...logResults.map((result) => `log.results.${result}`),
      ...logResults.map((result) => `result.${result}`),
      ...bundleImportResponseSchema.shape.result.options.map((result) => `upload.${result}`),
      ...(['export', 'import', 'upload'] as const).map((direction) => `log.directions.${direction}`),
    ];
    expect(keys.filter((key) => !has(tables[language], key))).toEqual([]);
  });

  it('names only params the desk always fills in a refusal\'s sentence', () => {
    const named = new Set<string>(sentenceParams);
    for (const language of ['en', 'zh'] as const) {
      for (const code of bundleErrorCodes) {
        const unknown = placeholders(tables[language].get(`errors.${code}`) ?? '').filter((param) => !named.has(param));
        expect(unknown, `${language} errors.${code}`).toEqual([]);
      }
    }
  });

  it('uses the same placeholders in English and Chinese', () => {
    const base = (key: string) => key.replace(/_(one|other)$/, '');
    const zhByBase = new Map([...tables.zh].map(([key, text]) => [base(key), text]));
    for (const [key, text] of tables.en) {
      if (key.endsWith('_one')) continue; // "one change" names no number; the _other form is compared.
      const other = zhByBase.get(base(key));
      expect(other, `zh ${key}`).toBeDefined();
      expect(placeholders(other ?? ''), key).toEqual(placeholders(text));
    }
  });
});
