import { useEffect, useRef, useState } from 'react';
import { getStore } from '../../db/store';
import type { RecordChange } from '../../db/repository';

export type RepositoryData<T> = { phase: 'loading' } | { phase: 'ready'; data: T } | { phase: 'failed'; message: string };

/**
 * Data read from the repository that stays current: read once, then again after every committed change
 * that `affects` it (a local edit, an applied change file, a resolved conflict). Reads never overlap: a
 * burst of changes (an import commits a batch every few hundred milliseconds) gives one more read after
 * the running one, not one per change. `key` names what is read; a new key starts over.
 */
export function useRepositoryData<T>(key: string, load: () => Promise<T>, affects: (changes: RecordChange[]) => boolean = () => true): RepositoryData<T> {
  const [state, setState] = useState<{ key: string; data: RepositoryData<T> }>({ key, data: { phase: 'loading' } });
  // The latest callbacks, without restarting the subscription each render.
  const callbacks = useRef({ load, affects });
  useEffect(() => {
    callbacks.current = { load, affects };
  });

  useEffect(() => {
    let cancelled = false;
    let running = false;
    let again = false;
    const read = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const data = await callbacks.current.load();
          if (!cancelled) setState({ key, data: { phase: 'ready', data } });
        } while (again && !cancelled);
      } catch (error) {
        if (!cancelled) setState({ key, data: { phase: 'failed', message: error instanceof Error ? error.message : String(error) } });
      } finally {
        running = false;
      }
    };
    void read();
    const unsubscribe = getStore().repository.subscribe((changes) => {
      if (callbacks.current.affects(changes)) void read();
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [key]);

  // Until the new key's first read, what was read for the old one is not shown.
  return state.key === key ? state.data : { phase: 'loading' };
}
