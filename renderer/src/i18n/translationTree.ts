/** A feature's translations as its locale file nests them. */
export type TranslationTree = { [key: string]: string | TranslationTree };

/** Every translation by its dotted key (`import.partlyApplied_other`), as i18next looks them up. */
export function flattenTranslations(tree: TranslationTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flattenTranslations(value, path)) out.set(k, v);
  }
  return out;
}
