import type { Principal } from '@shared/access/rules';
import type { Enrollment } from '../db/serverSync';
import { useSyncStore } from './syncStore';

/**
 * Who is using this desk, as the server knows them: the person this computer is enrolled for, with their
 * role and countries. Every screen asks this (and the shared rules in @shared/access and @shared/workflow)
 * what to show and offer, so nobody is offered what the server would refuse. Undefined on a computer not
 * enrolled yet: it edits freely, as a single local desk, but takes no review step (those need a person).
 */
const principals = new WeakMap<Enrollment, Principal>();

/** One Principal object per enrollment, so effects that depend on it do not rerun on every render. */
export function principalOf(enrollment: Enrollment | undefined): Principal | undefined {
  if (!enrollment) return undefined;
  let principal = principals.get(enrollment);
  if (!principal) principals.set(enrollment, (principal = { userId: enrollment.user.id, role: enrollment.user.role, countries: enrollment.user.countries }));
  return principal;
}

export function usePrincipal(): Principal | undefined {
  const enrollment = useSyncStore((state) => state.enrollment);
  return principalOf(enrollment);
}

/** The same, outside React (the write path, controllers). */
export const currentPrincipal = (): Principal | undefined => principalOf(useSyncStore.getState().enrollment);
