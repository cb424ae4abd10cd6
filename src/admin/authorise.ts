import type { Actor } from '../audit/actor.js';
import { forbidden } from '../errors.js';

/** The system and administrators may change anything an admin service offers. */
export function isSuper(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'admin';
}

/** A read-only API key reads whatever its user may read and changes nothing, administration included. */
export function requireWriter(actor: Actor): void {
  if (actor.kind === 'user' && actor.readOnly)
    throw forbidden('a read-only API key cannot change anything', 'read_only');
}

export function requireAdmin(actor: Actor, what: string): void {
  requireWriter(actor);
  if (!isSuper(actor)) throw forbidden(`only an administrator may ${what}`);
}

/** Administrators, or the org-admin of `orgId` itself. */
export function requireOrgManager(actor: Actor, orgId: string, what: string): void {
  requireWriter(actor);
  if (isSuper(actor)) return;
  if (actor.kind === 'user' && actor.role === 'org-admin' && actor.orgId === orgId) return;
  throw forbidden(`only an administrator or the organisation's org-admin may ${what}`);
}
