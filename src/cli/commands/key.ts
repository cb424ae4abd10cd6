import type { Command } from 'commander';
import { getUserByEmail } from '../../admin/users.js';
import { apiKeyHint } from '../../auth/api-key-record.js';
import type { ApiKeyRecord } from '../../auth/api-key-record.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys.js';
import { resolveActor, withStore } from '../cli-context.js';
import { output } from './org.js';

const keyLine = (k: ApiKeyRecord) =>
  `${k.id}  ${apiKeyHint(k)}  ${k.name ?? '-'}${k.readOnly ? '  read-only' : ''}${k.expiresAt === null ? '' : `  expires ${k.expiresAt}`}${k.revokedAt === null ? '' : `  REVOKED ${k.revokedAt}`}`;

interface CreateFlags {
  user?: string;
  readOnly?: boolean;
  expires?: string;
  name?: string;
  json?: boolean;
  as?: string;
}

/** `accord key` (alias `accord keys`, as issue 2 names it): API keys are shown once, at creation. */
export function registerKey(program: Command): void {
  const key = program.command('key').alias('keys').description('API keys: create, list, revoke');
  key
    .command('create')
    .description('create an API key and print it once')
    .option('--user <email>', 'for this user (default: the acting user)')
    .option('--read-only', 'the key reads and never writes')
    .option('--expires <iso>', 'expiry time, ISO 8601')
    .option('--name <name>', 'what the key is for')
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (flags: CreateFlags) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const owner =
          flags.user === undefined ? actor.userId : (await getUserByEmail(store, actor, flags.user)).id;
        const created = await createApiKey(store, actor, owner, {
          name: flags.name,
          readOnly: flags.readOnly === true,
          expiresAt: flags.expires,
        });
        output(flags.json, created, () => [
          `API key ${keyLine(created.record)}`,
          'The key (shown once, keep it safe):',
          '',
          `  ${created.key}`,
          '',
        ]);
      });
    });
  key
    .command('list')
    .description("list a user's keys (never the secrets)")
    .option('--user <email>', 'this user (default: the acting user)')
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (flags: { user?: string; json?: boolean; as?: string }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const owner =
          flags.user === undefined ? actor.userId : (await getUserByEmail(store, actor, flags.user)).id;
        const keys = await listApiKeys(store, actor, owner);
        output(flags.json, keys, () => keys.map(keyLine));
      });
    });
  key
    .command('revoke')
    .description('revoke an API key for good')
    .argument('<id>', 'key id (from accord key list)')
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (id: string, flags: { json?: boolean; as?: string }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const revoked = await revokeApiKey(store, actor, id);
        output(flags.json, revoked, () => [`revoked ${keyLine(revoked)}`]);
      });
    });
}
