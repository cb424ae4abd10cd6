import { ensureBootstrap } from '../admin/bootstrap.js';
import type { BootstrapResult } from '../admin/bootstrap.js';
import { viewerForUser } from '../auth/index.js';
import { publishIdentity } from '../http/admin/publish-identity.js';
import type { Store } from '../store/store.js';

/**
 * The first run on an empty store, the same whichever command comes first (`serve`, `init` or any
 * local command): the administrators' organisation, the administrator and an API key, and the
 * organisation's STIX identity published like any other. A store that has users is left alone.
 */
export async function firstRun(store: Store): Promise<BootstrapResult> {
  // A read first, so commands on a running instance never queue for the write lock just to find users.
  const anyone = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone !== undefined) return { created: false };
  const boot = await ensureBootstrap(store);
  if (boot.created) {
    // Organisations are STIX identities: publish the administrators' one like any other.
    const admin = await viewerForUser(store, boot.user.id);
    if (admin !== null) await publishIdentity(store, admin, boot.org);
  }
  return boot;
}

/** What a person is told, once, when a command created the administrator. */
export function firstRunNotice(boot: Extract<BootstrapResult, { created: true }>): string {
  return (
    `First start: created organisation "${boot.org.name}" and administrator ${boot.user.email}.\n` +
    `Administrator API key (shown once, keep it safe):\n\n  ${boot.apiKey}\n\n`
  );
}
