import type { Kysely } from 'kysely';
import { AccordError } from '../errors.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import { actorFields } from './actor.js';
import { appendAudit } from './append-audit.js';

export interface AuditedAction {
  action: string;
  target?: string | undefined;
}

/**
 * Runs one audited change in the write transaction; `fn` records its own `ok` entry with `auditOk`,
 * so the entry commits or rolls back with the change. A refusal (a 403 AccordError) rolls the change
 * back and is then recorded as `denied` in a transaction of its own, before it is rethrown.
 */
export async function auditedWrite<T>(
  store: Store,
  actor: Actor,
  what: AuditedAction,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await store.writeTransaction(fn);
  } catch (error) {
    if (error instanceof AccordError && error.status === 403) {
      await store.writeTransaction((trx) =>
        appendAudit(trx, {
          ...actorFields(actor),
          action: what.action,
          target: what.target,
          outcome: 'denied',
          details: { code: error.code, message: error.message },
        }),
      );
    }
    throw error;
  }
}

/** Records a successful change by `actor`, inside the change's own transaction. */
export async function auditOk(
  trx: Kysely<Database>,
  actor: Actor,
  action: string,
  target: string | undefined,
  details?: Record<string, unknown>,
): Promise<void> {
  await appendAudit(trx, { ...actorFields(actor), action, target, outcome: 'ok', details });
}
