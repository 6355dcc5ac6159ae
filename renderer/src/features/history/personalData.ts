import { canSeePersonalData, personalDataFields } from '@shared/access/personalData';
import type { Principal } from '@shared/access/rules';
import type { EntityType, Person } from '@shared/domain';

/**
 * The fields of a record the reader may not see (shared/src/access/personalData.ts): a person's e-mail,
 * phone and year of birth, for a role or a country that does not work with them. `values` are the
 * record's (or, for a record no longer stored, what its history last said); a person whose country is
 * not known is treated as outside the reader's countries. Nothing is hidden of other kinds of record.
 */
export function hiddenFieldsOf(entity: EntityType, values: { country?: unknown } | undefined, principal: Principal | undefined): readonly string[] {
  if (entity !== 'person') return [];
  const country = typeof values?.country === 'string' ? values.country : '';
  return canSeePersonalData(principal, { country } as Pick<Person, 'country'>) ? [] : personalDataFields;
}

/** Whether a field (or a path into it, `email`, `birthYear`) is one of the hidden ones. */
export function isHiddenField(field: string, hidden: readonly string[]): boolean {
  return hidden.includes(field.split('.')[0] ?? field);
}

/** A history without the hidden fields' entries, and how many were left out (so the page can say so). */
export function withoutHidden<T extends { field: string }>(entries: readonly T[], hidden: readonly string[]): { shown: T[]; hiddenCount: number } {
  const shown = entries.filter((entry) => !isHiddenField(entry.field, hidden));
  return { shown, hiddenCount: entries.length - shown.length };
}
