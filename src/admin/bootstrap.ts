import { SYSTEM } from '../audit/actor.js';
import { createApiKeyIn } from '../auth/api-keys.js';
import type { Store } from '../store/store.js';
import type { Organisation } from './organisation.js';
import { createOrganisationIn } from './organisations.js';
import type { User } from './user.js';
import { createUserIn } from './users.js';

export interface BootstrapOptions {
  orgName?: string | undefined;
  email?: string | undefined;
  now?: Date | undefined;
}

export type BootstrapResult =
  { created: false } | { created: true; org: Organisation; user: User; apiKey: string };

/**
 * On the very first start (no users at all) creates an administrators' organisation, an administrator
 * and an API key, audited as the system, and returns the key once. All of it happens in one write
 * transaction, so two nodes starting together cannot both bootstrap, and a crash leaves nothing half-made.
 */
export function ensureBootstrap(store: Store, options: BootstrapOptions = {}): Promise<BootstrapResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return store.writeTransaction(async (trx): Promise<BootstrapResult> => {
    const anyone = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyone !== undefined) return { created: false };
    const org = await createOrganisationIn(
      trx,
      SYSTEM,
      {
        name: options.orgName ?? 'Accord administrators',
        kind: 'other',
        defaultDistribution: 'community',
        defaultTlp: 'none',
      },
      at,
    );
    const user = await createUserIn(
      trx,
      SYSTEM,
      { email: options.email ?? 'admin@localhost', name: 'Administrator', orgId: org.id, role: 'admin' },
      null,
      at,
    );
    const { key } = await createApiKeyIn(trx, SYSTEM, user.id, { name: 'bootstrap' }, now);
    return { created: true, org, user, apiKey: key };
  });
}
