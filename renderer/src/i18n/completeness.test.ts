import { changeRefusalReasons } from '@shared/api/contract';
import { apiErrorCodes } from '@shared/api/errors';
import { contentLanguages } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import { flattenTranslations as flatten, type TranslationTree as Tree } from './translationTree';
import { kindFields } from '../features/activities/kindFields';
import { resources } from './resources';


/** Plural forms differ by language (English has _one and _other, Chinese only _other). */
const withoutPlural = (key: string) => key.replace(/_(one|other)$/, '');

/** Every source file of the renderer, as text (Vite reads them; the renderer has no file system). */
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The namespace a file's bare keys belong to: its feature's, or `common` outside features. */
function namespaceOf(file: string): string {
  return /features\/([^/]+)\//.exec(file)?.[1] ?? 'common';
}

describe('translations', () => {
  const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

  it.each(namespaces)('namespace %s has the same keys in English and Chinese, none empty', (ns) => {
    const en = flatten(resources.en[ns] as Tree);
    const zh = flatten(resources.zh[ns] as Tree);
    expect([...new Set([...zh.keys()].map(withoutPlural))].sort()).toEqual([...new Set([...en.keys()].map(withoutPlural))].sort());
    for (const [key, value] of [...en, ...zh]) expect(value.trim(), `${ns}:${key}`).not.toBe('');
  });

  it('has a translation for every literal key the code asks for', () => {
    const missing: string[] = [];
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    for (const [file, source] of Object.entries(sources)) {
      const fileNs = /useTranslation\('([^']+)'\)/.exec(source)?.[1] ?? namespaceOf(file);
      for (const match of source.matchAll(/\bt\(\s*'([^'$`]+)'/g)) {
        const raw = match[1] as string;
        const [ns, key] = raw.includes(':') ? (raw.split(':') as [string, string]) : [fileNs, raw];
        for (const language of ['en', 'zh'] as const) {
          const table = flatten((resources[language] as Record<string, Tree>)[ns] ?? {});
          if (!table.has(key) && !table.has(`${key}_other`)) missing.push(`${language} ${file}: ${ns}:${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('translations of keys the code builds from data', () => {
  const has = (ns: string, key: string) =>
    (['en', 'zh'] as const).filter((language) => !flatten((resources[language] as Record<string, Tree>)[ns] ?? {}).has(key)).map((language) => `${language} ${ns}:${key}`);

  it('covers every kind-specific field, option, content language and sortable column', () => {
    const missing = [
      ...Object.values(kindFields).flatMap((fields) => fields.flatMap((field) => [`details.${field.name}`, ...(field.options ?? []).map((option) => `options.${option}`)])),
      ...contentLanguages.map((language) => `languages.${language}`),
      ...(['title', 'kind', 'countries', 'status', 'start', 'updatedAt'] as const).map((column) => `columns.${column}`),
    ].flatMap((key) => has('activities', key));
    const settings = [...['persistent', 'best-effort', 'unsupported', 'pending'].map((state) => `storage.${state}`), 'about.host.electron', 'about.host.browser'].flatMap((key) =>
      has('settings', key),
    );
    expect([...missing, ...settings]).toEqual([]);
  });

  it('covers every server error code, the client\'s own failure codes, refusal reasons and sync phases', () => {
    const missing = [
      ...[...apiErrorCodes, 'network', 'bad-response', 'aborted', 'local'].map((code) => `api.${code}`),
      ...changeRefusalReasons.map((reason) => `refusals.reasons.${reason}`),
      ...['idle', 'syncing', 'offline', 'failed', 'stopped'].map((phase) => `status.phase.${phase}`),
    ].flatMap((key) => has('sync', key));
    expect(missing).toEqual([]);
  });
});
