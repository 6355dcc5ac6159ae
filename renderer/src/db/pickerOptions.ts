import { pickText } from '@shared/domain';
import { splitSearchText, type SplitSearchText } from '@shared/search/normalize';
import { tableOf } from './database';
import { getStore } from './store';

export interface RecordOption {
  id: string;
  label: string;
  search: SplitSearchText;
}

/** Organizations to choose from, named in the reader's language, searchable in every language they have. */
export async function organizationOptions(language: string): Promise<RecordOption[]> {
  const organizations = await tableOf(getStore().db, 'organization').toArray();
  return organizations
    .map((o) => {
      const name = pickText(o.name, language);
      return { id: o.id, label: o.acronym ? `${name} (${o.acronym}) · ${o.country}` : `${name} · ${o.country}`, search: splitSearchText([...Object.values(o.name), o.acronym, o.city]) };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** People to choose from, by native and romanized name. */
export async function personOptions(): Promise<RecordOption[]> {
  const people = await tableOf(getStore().db, 'person').toArray();
  return people.map((p) => ({
    id: p.id,
    label: [p.nameRomanized, p.nameNative].filter(Boolean).join(' · ') + ` · ${p.country}`,
    search: splitSearchText([p.nameRomanized, p.nameNative]),
  }));
}

/** Activities to choose from (a parent, a training center), from the in-memory list index. */
export async function activityOptions(language: string, kind?: string): Promise<RecordOption[]> {
  const { activityIndex } = getStore();
  await activityIndex.load();
  return activityIndex
    .query({ text: '', country: '', area: '', modality: '', status: '', year: '' }, { key: 'title', direction: 'asc' }, language)
    .filter((row) => !kind || row.kind === kind)
    .map((row) => ({ id: row.id, label: `${pickText(row.title, language)} · ${row.countries.join(' ')}`, search: row.search }));
}
