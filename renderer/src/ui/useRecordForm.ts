import { issuesByPath, type EntityRecord, type EntityType, type FieldIssue } from '@shared/domain';
import { isLocked } from '@shared/workflow';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRecord } from '../db/reads';
import type { Draft } from '../db/repository';
import { getStore } from '../db/store';
import { useWorkflowStatus } from './useWorkflowStatus';
import { useIssueText } from '../i18n';

export interface RecordFormOptions<E extends EntityType, V> {
  entity: E;
  /** The record being edited, or undefined for a new one. */
  id: string | undefined;
  empty: () => V;
  fromRecord: (record: EntityRecord<E>) => V;
  /** Builds the draft from the form; `original` is the stored record, so fields the form does not show survive. */
  toDraft: (values: V, original: EntityRecord<E> | undefined) => Draft<E>;
  /** Where a problem is shown, when not on the field its path names. */
  errorField?: (path: string) => string;
}

/** Problems with no field of their own (a record deleted meanwhile) are shown under this key, in the summary. */
export const formLevel = '';

/**
 * The life of a record form: load the record (or start empty), keep what the person types, save through
 * the one write path, and show each field's problem in their language. After a failed save, messages
 * follow the values, so each one goes away as soon as its field is fixed; nothing typed is ever lost.
 * Render it with `key={id}` so that moving from one record to another starts a fresh form.
 *
 * A record submitted, approved or accepted in review is locked (`locked`, with its review `workflow`, kept current as
 * steps arrive): the form disables its fields and Save, and `save` refuses it with `v.locked` before the
 * write path would (which refuses it too). `<RecordLockNotice>` says who locked it and who can unlock it.
 */
export function useRecordForm<E extends EntityType, V>({ entity, id, empty, fromRecord, toDraft, errorField }: RecordFormOptions<E, V>) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const [values, setValues] = useState<V>(empty);
  const [original, setOriginal] = useState<EntityRecord<E> | undefined>();
  const [phase, setPhase] = useState<'loading' | 'missing' | 'failed' | 'ready'>(id ? 'loading' : 'ready');
  const [attempted, setAttempted] = useState(false);
  const [saveIssues, setSaveIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const workflow = useWorkflowStatus(entity, id);
  const locked = workflow !== undefined && isLocked(workflow.state);

  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    getRecord(entity, id).then(
      (record) => {
        if (cancelled) return;
        if (!record) return setPhase('missing');
        setOriginal(record);
        setValues(fromRecord(record));
        setPhase('ready');
      },
      () => !cancelled && setPhase('failed'),
    );
    return () => {
      cancelled = true;
    };
  }, [entity, id, fromRecord]);

  const liveIssues = useMemo(
    () => (attempted ? getStore().repository.validateDraft(entity, toDraft(values, original)) : []),
    [attempted, entity, toDraft, values, original],
  );

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
    if (locked) {
      setSaveIssues([{ path: formLevel, message: 'v.locked', params: { state: workflow.state } }]);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('.form-summary')?.focus());
      return undefined;
    }
    setSaving(true);
    try {
      const { repository } = getStore();
      const draft = toDraft(values, original);
      const outcome = id ? await repository.replace(entity, id, draft, original?.updatedAt) : await repository.create(entity, draft);
      if (outcome.ok) return outcome.record;
      setAttempted(true);
      // Validation problems come back through liveIssues; keep what validation cannot see (a record deleted or changed meanwhile).
      setSaveIssues(outcome.issues.filter((issue) => issue.path === formLevel));
    } catch (error) {
      // The store itself failed (disk full, quota): say so; the form keeps every value.
      setSaveIssues([{ path: formLevel, message: t('form.saveFailed', { message: error instanceof Error ? error.message : String(error) }) }]);
    } finally {
      setSaving(false);
    }
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-summary')?.focus());
    return undefined;
  };

  return { values, update, phase, errors, saving, save, formRef, locked, workflow };
}
