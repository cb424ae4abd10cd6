import { loadConfig } from '../config.js';
import type { Config } from '../config.js';
import { viewerForUser } from '../auth/index.js';
import type { UserViewer } from '../policy/viewer.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { CliError } from './cli-error.js';

export interface CliContext {
  config: Config;
  store: Store;
}

/** Opens the configured store for one command and always closes it. */
export async function withStore<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  let store: Store;
  try {
    store = await openStore(config.db);
  } catch (error) {
    throw new CliError(`cannot open the store ${config.db}: ${(error as Error).message}`);
  }
  try {
    return await fn({ config, store });
  } finally {
    await store.close();
  }
}

/**
 * Who a local command acts as: `--as <email>`, else the first administrator. Whoever runs the CLI
 * on the server already holds the database file, so acting as an administrator adds no power.
 */
export async function resolveActor(store: Store, email: string | undefined): Promise<UserViewer> {
  const query = store.db.selectFrom('users').select(['id', 'email', 'role', 'disabled']).orderBy('created');
  const user =
    email === undefined
      ? await query.where('role', '=', 'admin').where('disabled', '=', 0).limit(1).executeTakeFirst()
      : await query.where('email', '=', email.toLowerCase()).executeTakeFirst();
  if (user === undefined) {
    throw new CliError(
      email === undefined
        ? 'no administrator yet: run `accord serve` once (it creates one) or `accord user create`'
        : `no user ${email}`,
    );
  }
  if (user.disabled === 1) throw new CliError(`user ${user.email} is disabled`);
  const viewer = await viewerForUser(store, user.id);
  if (viewer === null)
    throw new CliError(`user ${user.email} cannot act (disabled or without an organisation)`);
  return viewer;
}
