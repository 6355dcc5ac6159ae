import { issuesByPath, type EntityRecord, type EntityType, type FieldIssue } from '@shared/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getRecord } from '../db/reads';
import type { Draft } from '../db/repository';
import { getStore } from '../db/store';
import { useIssueText } from '../i18n';

export interface RecordFormOptions<E extends EntityType, V> {
  entity: E;
  /** The record being edited, or undefined for a new one. */
  id: string | undefined;
  empty: () => V;
  fromRecord: (record: EntityRecord<E>) => V;
  toDraft: (values: V) => Draft<E>;
  /** Where a problem is shown, when not on the field its path names. */
  errorField?: (path: string) => string;
}

/**
 * The life of a record form: load the record (or start empty), keep what the person types, save through
 * the one write path, and show each field's problem in their language. After a failed save, messages
 * follow the values, so each one goes away as soon as its field is fixed; nothing typed is ever lost.
 */
export function useRecordForm<E extends EntityType, V>({ entity, id, empty, fromRecord, toDraft, errorField }: RecordFormOptions<E, V>) {
  const issueText = useIssueText();
  const [values, setValues] = useState<V>(empty);
  const [phase, setPhase] = useState<'loading' | 'missing' | 'ready'>(id ? 'loading' : 'ready');
  const [attempted, setAttempted] = useState(false);
  const [saveIssues, setSaveIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    void getRecord(entity, id).then((record) => {
      if (cancelled) return;
      if (!record) return setPhase('missing');
      setValues(fromRecord(record));
      setPhase('ready');
    });
    return () => {
      cancelled = true;
    };
  }, [entity, id, fromRecord]);

  const liveIssues = useMemo(() => (attempted ? getStore().repository.validateDraft(entity, toDraft(values)) : []), [attempted, entity, toDraft, values]);

  const errors: Record<string, string> = {};
  for (const [path, issue] of Object.entries(issuesByPath([...liveIssues, ...saveIssues]))) {
    errors[errorField?.(path) ?? path] ??= issueText(issue.message, issue.params);
  }

  const update = (patch: Partial<V>) => {
    setValues((current) => ({ ...current, ...patch }));
    setSaveIssues([]);
  };

  /** Saves, and answers the stored record; on refusal shows why and moves focus to the first field to fix. */
  const save = async (): Promise<EntityRecord<E> | undefined> => {
    setSaving(true);
    const { repository } = getStore();
    const draft = toDraft(values);
    const outcome = id ? await repository.replace(entity, id, draft) : await repository.create(entity, draft);
    setSaving(false);
    if (outcome.ok) return outcome.record;
    setAttempted(true);
    // Validation problems come back through liveIssues; keep only what validation cannot see (a deleted record).
    setSaveIssues(outcome.issues.filter((issue) => issue.message === 'v.notFound'));
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    return undefined;
  };

  return { values, update, phase, errors, saving, save, formRef };
}
