import type { CountryCode } from '../domain/taxonomy/countries';
import type { UserRole } from '../domain/taxonomy/roles';

/**
 * Who may see and change what: one set of rules for the server (which enforces them), the desk's UI
 * (which follows them, so nobody is offered what the server would refuse) and the bundle checker.
 *
 * - The Secretariat and administrators are global: every country, and records with no country.
 * - Field officers and national coordinators see and change records that belong to at least one of
 *   their countries (an activity shared by Thailand and Viet Nam is seen by both); a record with no
 *   country is not theirs. A change must leave the record theirs: nobody moves a record out of reach.
 * - Managing people (users) is for administrators. Devices: administrators and the Secretariat manage any,
 *   a national coordinator those of the field officers of their countries, anyone their own.
 */
export interface Principal {
  userId: string;
  role: UserRole;
  countries: readonly CountryCode[];
}

export const isGlobalRole = (role: UserRole) => role === 'secretariat' || role === 'admin';

/** True when the principal may see a record of these countries. */
export function canSee(principal: Principal, scope: readonly string[]): boolean {
  if (isGlobalRole(principal.role)) return true;
  return scope.some((country) => (principal.countries as readonly string[]).includes(country));
}

export type WriteRefusal = 'out-of-scope' | 'moves-out-of-scope';

/**
 * Whether the principal may change a record whose countries are `before` (undefined: a new record) and
 * will be `after`. Undefined means allowed; otherwise the reason it is not.
 */
export function writeRefusal(principal: Principal, before: readonly string[] | undefined, after: readonly string[]): WriteRefusal | undefined {
  if (isGlobalRole(principal.role)) return undefined;
  if (before !== undefined && !canSee(principal, before)) return 'out-of-scope';
  if (!canSee(principal, after)) return before === undefined ? 'out-of-scope' : 'moves-out-of-scope';
  return undefined;
}

export const canManageUsers = (principal: Principal) => principal.role === 'admin';

/** Whether the principal may see and revoke a device enrolled by `owner`. */
export function canManageDevice(principal: Principal, owner: Principal): boolean {
  if (owner.userId === principal.userId) return true;
  if (isGlobalRole(principal.role)) return true;
  if (principal.role !== 'national-coordinator' || owner.role !== 'field-officer') return false;
  return owner.countries.length > 0 && owner.countries.every((country) => principal.countries.includes(country));
}
