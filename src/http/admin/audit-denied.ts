import { actorFields, appendAudit } from '../../audit/index.js';
import { AccordError } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';

/**
 * Runs a refusable read and records a refusal (a 403) as a `denied` audit entry before rethrowing.
 * Audited writes need no wrapper: `auditedWrite` in the services records their refusals already.
 */
export async function auditDenied<T>(
  store: Store,
  viewer: UserViewer,
  what: { action: string; target?: string | undefined },
  fn: () => T | Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AccordError && error.status === 403) {
      await store.writeTransaction((trx) =>
        appendAudit(trx, {
          ...actorFields(viewer),
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
