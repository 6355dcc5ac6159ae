import { entitySchemas, fieldIssuesFrom, type EntityType, type FieldIssue, type LocalizedText } from '@shared/domain';
import { deletedField, type Change } from '@shared/sync/change';
import type { HistoryEntry } from '@shared/sync/engine';
import type { Conflict } from '@shared/sync/merge';
import { isLocalizedText } from '../history/formatValue';
import { isHiddenField } from '../history/personalData';

type Json = Change['value'];

/**
 * The conflicts screen's logic, kept apart from React so it is tested on its own: grouping by record,
 * a record's name, and turning what someone typed as a merged value into a value that may be stored.
 */

export interface ConflictGroup {
  key: string;
  entity: EntityType;
  recordId: string;
  conflicts: Conflict[];
}

const latestStamp = (conflict: Conflict) => conflict.heads.reduce((latest, head) => (head.stamp > latest ? head.stamp : latest), '');

/**
 * Conflicts by record, the most recently touched record first (the one someone is most likely asking
 * about); within a record, an edit made while it was deleted first (it hides the record), then by field.
 */
export function groupConflicts(conflicts: readonly Conflict[]): ConflictGroup[] {
  const groups = new Map<string, ConflictGroup & { latest: string }>();
  for (const conflict of conflicts) {
    const key = `${conflict.entity}:${conflict.recordId}`;
    const group = groups.get(key) ?? { key, entity: conflict.entity, recordId: conflict.recordId, conflicts: [], latest: '' };
    group.conflicts.push(conflict);
    const latest = latestStamp(conflict);
    if (latest > group.latest) group.latest = latest;
    groups.set(key, group);
  }
  const order = (c: Conflict) => `${c.kind === 'delete' ? 0 : 1}:${c.field}`;
  return [...groups.values()]
    .sort((a, b) => (a.latest < b.latest ? 1 : a.latest > b.latest ? -1 : 0))
    .map(({ latest: _latest, ...group }) => ({ ...group, conflicts: [...group.conflicts].sort((a, b) => (order(a) < order(b) ? -1 : 1)) }));
}

/** What a record is called: its title or name (texts by language, or one string), a file's name, else undefined. */
export function recordName(values: Record<string, unknown> | undefined): LocalizedText | string | undefined {
  if (!values) return undefined;
  for (const key of ['title', 'name', 'fileName']) {
    const value = values[key];
    if (typeof value === 'string' && value.trim()) return value;
    if (isLocalizedText(value) && Object.values(value).some((text) => text.trim())) return value as LocalizedText;
  }
  const personName = [values.nameRomanized, values.nameNative].filter((part) => typeof part === 'string' && part.trim()).join(' · ');
  return personName || undefined;
}

/**
 * A record's last known field values, from its history (oldest first). For a record that is not stored
 * (deleted, or not valid yet), so that its conflicts can still say which record they are about.
 */
export function valuesFromHistory(entries: readonly HistoryEntry[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const entry of entries) {
    if (entry.value === null) delete values[entry.field];
    else values[entry.field] = entry.value;
  }
  return values;
}

/** Text fields are edited as plain text; anything else (lists, texts by language, numbers) as JSON. */
export function isTextConflict(conflict: Conflict): boolean {
  return conflict.heads.every((head) => typeof head.value === 'string' || head.value === null) && conflict.heads.some((head) => typeof head.value === 'string');
}

/** The merge editor starts from the value shown now (the first head), ready to be edited. */
export function mergeDraft(conflict: Conflict): string {
  const shown = conflict.heads[0]?.value ?? null;
  if (isTextConflict(conflict)) return typeof shown === 'string' ? shown : '';
  return JSON.stringify(shown, null, 2);
}

export type MergedInput = { ok: true; value: Json } | { ok: false; problem: 'empty' | 'json' };

/** Reads what someone typed as a merged value: the text itself for a text field, JSON otherwise. */
export function parseMerged(conflict: Conflict, text: string): MergedInput {
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  if (isTextConflict(conflict)) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false, problem: 'json' };
  }
}

/**
 * Checks a merged value against the record's schema before it is stored: the write path validates
 * forms and imports, but a resolution is written as a change, and a record that a change makes invalid
 * disappears from the lists until someone repairs it. Returns the value as the schema normalizes it
 * (trimmed texts), or the problems. A record that is not stored (deleted, or already incomplete) cannot
 * be checked as a whole; its value passes as typed.
 */
export function checkMerged(entity: EntityType, record: object | undefined, field: string, value: Json): { ok: true; value: Json } | { ok: false; issues: FieldIssue[] } {
  if (!record) return { ok: true, value };
  const candidate: Record<string, unknown> = { ...record };
  if (value === null) delete candidate[field];
  else candidate[field] = value;
  const parsed = entitySchemas[entity].safeParse(candidate);
  if (!parsed.success) return { ok: false, issues: fieldIssuesFrom(parsed.error) };
  const normalized = (parsed.data as Record<string, unknown>)[field];
  return { ok: true, value: value === null || normalized === undefined ? value : (normalized as Json) };
}

/**
 * Personal data the reader may not see (`hiddenFields`, from history/personalData.ts), in a conflict:
 * whether the whole conflict is about a hidden field (its values are not shown, and it is left to those
 * who may see them to resolve), and which of an edit-while-deleted conflict's values are of hidden fields.
 */
export function conflictPrivacy(conflict: Conflict, hiddenFields: readonly string[]): { hidden: boolean; hiddenHeads: ReadonlySet<string> } {
  const hiddenHeads = new Set(conflict.heads.filter((head) => head.field !== deletedField && isHiddenField(head.field, hiddenFields)).map((head) => head.stamp));
  return { hidden: conflict.kind === 'field' && isHiddenField(conflict.field, hiddenFields), hiddenHeads };
}
