import type { UserViewer } from '../policy/viewer.js';

/** Work nobody asked for: first-start bootstrap, schedules, migrations. */
export interface SystemActor {
  readonly kind: 'system';
}

export const SYSTEM: SystemActor = { kind: 'system' };

/** Who performs an audited change. */
export type Actor = UserViewer | SystemActor;

/** The audit columns naming an actor. */
export function actorFields(actor: Actor): { actor: string; actorOrg?: string } {
  return actor.kind === 'system' ? { actor: 'system' } : { actor: actor.userId, actorOrg: actor.orgId };
}
