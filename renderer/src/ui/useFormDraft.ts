import { useCallback, useEffect, useRef, useState } from 'react';
import { createDraftSession, formDraftStore, type DraftSession, type DraftTimer, type FormDraftStore } from '../db/formDrafts';

export interface FormDraftOptions {
  /** Quiet time after the last change before it is written (default 400 ms). */
  delayMs?: number;
  timer?: DraftTimer;
  store?: FormDraftStore;
}

export interface FormDraftState {
  /** False until the stored draft has been looked for (and restored): edits before that are not saved. */
  ready: boolean;
  /** When the draft restored on opening was last saved (ISO): the form says so, and offers to discard it. */
  restoredAt?: string;
  /** When the values were last written (ISO). */
  savedAt?: string;
  /** The last write failed (disk full): the values are still in the form. */
  failed: boolean;
  /** Writes pending values now (a field lost focus). */
  flush(): Promise<void>;
  /** Deletes the draft and puts the form back to the values it started from. */
  discard(): Promise<void>;
  /** After the record is saved: deletes the draft and saves nothing more. */
  clear(): Promise<void>;
}

/**
 * Saves what a person types in a form as they type (debounced, and at once when a field loses focus, the
 * window is hidden or closed), so a crash or a reload loses nothing; reopening the form brings it back.
 *
 * `key` names the form and its record (`fieldReport:new`, `fieldReport:<id>`); pass undefined until the
 * form has its starting values (the record is loaded, defaults are set): those values are the baseline a
 * draft is compared with, so a form opened and left untouched stores nothing. `restore` puts a stored
 * draft's values back into the form (also the baseline, on discard).
 */
export function useFormDraft<V>(key: string | undefined, values: V, restore: (values: V) => void, options: FormDraftOptions = {}): FormDraftState {
  const [state, setState] = useState<{ key?: string; ready: boolean; restoredAt?: string; savedAt?: string; failed: boolean }>({ ready: false, failed: false });
  const session = useRef<{ key: string; session: DraftSession<V>; baseline: V } | undefined>(undefined);
  const latest = useRef({ values, restore, options });
  useEffect(() => {
    latest.current = { values, restore, options };
  });

  useEffect(() => {
    if (!key) return;
    const { values: baseline, options: opts } = latest.current;
    const current = createDraftSession<V>({
      store: opts.store ?? formDraftStore(),
      key,
      delayMs: opts.delayMs,
      timer: opts.timer,
      onSaved: (draft) => setState((s) => (s.key === key ? { ...s, savedAt: draft.updatedAt, failed: false } : s)),
      onError: () => setState((s) => (s.key === key ? { ...s, failed: true } : s)),
    });
    let cancelled = false;
    current.open(baseline).then(
      (draft) => {
        if (cancelled) return;
        session.current = { key, session: current, baseline };
        if (draft) latest.current.restore(draft.values as V);
        // Edits made while the draft was being looked for count too.
        else current.change(latest.current.values);
        setState({ key, ready: true, restoredAt: draft?.updatedAt, failed: false });
      },
      () => {
        if (cancelled) return;
        session.current = { key, session: current, baseline };
        setState({ key, ready: true, failed: true });
      },
    );
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void current.flush();
    };
    const onLeave = () => void current.flush();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      cancelled = true;
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      void current.close();
      if (session.current?.session === current) session.current = undefined;
    };
  }, [key]);

  useEffect(() => {
    session.current?.session.change(values);
  }, [values]);

  const flush = useCallback(() => session.current?.session.flush() ?? Promise.resolve(), []);
  const discard = useCallback(async () => {
    const active = session.current;
    if (!active) return;
    await active.session.discard();
    latest.current.restore(active.baseline);
    setState((s) => ({ ...s, restoredAt: undefined, savedAt: undefined }));
  }, []);
  const clear = useCallback(async () => {
    await session.current?.session.clear();
  }, []);

  const current = state.key === key ? state : { ready: false, failed: false };
  return { ready: current.ready, restoredAt: current.restoredAt, savedAt: current.savedAt, failed: current.failed, flush, discard, clear };
}
