import { writeRefusal, type Principal, type WriteRefusal } from '@shared/access/rules';
import type { EntityType } from '@shared/domain';
import { useEffect, useState } from 'react';
import { recordScope } from '../db/recordScope';
import { getStore } from '../db/store';
import { usePrincipal } from '../state/principal';

export interface WriteAccess {
  allowed: boolean;
  refusal?: WriteRefusal;
}

/** The decision itself: the shared rule on the record's countries as they are (a change that keeps them). */
export function writeAccessOf(principal: Principal | undefined, countries: readonly string[] | undefined): WriteAccess {
  if (!principal || !countries) return { allowed: true };
  const refusal = writeRefusal(principal, countries, countries);
  return refusal ? { allowed: false, refusal } : { allowed: true };
}

/**
 * Whether the signed-in person may change this record, by the same rule the server enforces
 * (@shared/access/rules): screens hide Edit and Delete where the server would refuse, instead of letting
 * someone work on a change that comes back refused. A desk not enrolled edits what it holds.
 * Undefined while the record's countries are being read.
 */
export function useWriteAccess(entity: EntityType, recordId: string | undefined): WriteAccess | undefined {
  const principal = usePrincipal();
  const [scope, setScope] = useState<{ key: string; countries: string[] | undefined }>();
  const key = `${entity}:${recordId ?? ''}`;

  useEffect(() => {
    if (!recordId) return;
    let cancelled = false;
    const read = () => void recordScope(entity, recordId).then((countries) => !cancelled && setScope({ key: `${entity}:${recordId}`, countries }));
    read();
    const unsubscribe = getStore().repository.subscribe((changes) => {
      if (changes.some((change) => change.ids.includes(recordId))) read();
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [entity, recordId]);

  if (!principal || !recordId) return { allowed: true };
  if (scope?.key !== key) return undefined;
  return writeAccessOf(principal, scope.countries);
}
