import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';

const root = new URL('..', import.meta.url).pathname;

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A temporary SQLite store seeded with one administrator, for running the real `accord` binary. */
export async function cliWorkspace(): Promise<{
  dir: string;
  db: string;
  env: NodeJS.ProcessEnv;
  orgId: string;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-cli-'));
  const db = join(dir, 'accord.db');
  const store = await openSqliteStore(db);
  const orgId = `identity--${randomUUID()}`;
  const now = new Date().toISOString();
  await store.db
    .insertInto('organisations')
    .values({
      id: orgId,
      name: 'CLI test',
      kind: 'other',
      sector: null,
      country: null,
      default_distribution: 'community',
      default_tlp: 'none',
      created: now,
    })
    .execute();
  await store.db
    .insertInto('users')
    .values({
      id: randomUUID(),
      email: 'admin@localhost',
      name: 'Admin',
      org_id: orgId,
      role: 'admin',
      password_hash: null,
      disabled: 0,
      created: now,
    })
    .execute();
  await store.close();
  return { dir, db, orgId, env: { ...process.env, ACCORD_DB: `sqlite:${db}`, ACCORD_LOG_LEVEL: 'silent' } };
}

const ARGS = ['--import', 'tsx', join(root, 'src/cli/run.ts')];

/** Runs `accord <args>` in a child process, as a user would. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string | Buffer): CliRun {
  const result = spawnSync(process.execPath, [...ARGS, ...args], {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...ARGS, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
}
