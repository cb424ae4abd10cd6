import { loadConfig } from '../config.js';
import type { Config } from '../config.js';
import { viewerForUser } from '../auth/index.js';
import type { UserViewer } from '../policy/viewer.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { CliError } from './cli-error.js';
import { firstRun, firstRunNotice } from './first-run.js';

export interface CliContext {
  config: Config;
  store: Store;
}

export interface WithStoreOptions {
  /** Bootstrap an empty store as `accord serve` would (default); `accord init` does it itself. */
  firstRun?: boolean;
}

/**
 * Opens the configured store for one command and always closes it. On an empty store the first
 * command creates the administrator, exactly as `accord serve` does, and tells the key once on
 * standard error (standard output may be a bundle or JSON being piped on).
 */
export async function withStore<T>(
  fn: (ctx: CliContext) => Promise<T>,
  options: WithStoreOptions = {},
): Promise<T> {
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
    if (options.firstRun !== false) {
      const boot = await firstRun(store);
      if (boot.created) process.stderr.write(firstRunNotice(boot));
    }
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
        ? 'every administrator is disabled: act as another user with `--as <email>` (`accord user enable <email>` re-enables one)'
        : `no user ${email}`,
    );
  }
  if (user.disabled === 1) throw new CliError(`user ${user.email} is disabled`);
  const viewer = await viewerForUser(store, user.id);
  if (viewer === null)
    throw new CliError(`user ${user.email} cannot act (disabled or without an organisation)`);
  return viewer;
}
