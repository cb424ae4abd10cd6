import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrganisation } from '../src/admin/organisations.js';
import { createUser } from '../src/admin/users.js';
import { SYSTEM } from '../src/audit/actor.js';
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
  // Made the way `accord` makes them, so the rows are whatever the admin code writes today.
  const org = await createOrganisation(store, SYSTEM, {
    name: 'CLI test',
    kind: 'other',
    defaultDistribution: 'community',
    defaultTlp: 'none',
  });
  await createUser(store, SYSTEM, { email: 'admin@localhost', name: 'Admin', orgId: org.id, role: 'admin' });
  const orgId = org.id;
  await store.close();
  return { dir, db, orgId, env: { ...process.env, ACCORD_DB: `sqlite:${db}`, ACCORD_LOG_LEVEL: 'silent' } };
}

// The transpiled sources test/global-setup.ts wrote for this run; tsx on the sources when a test file is
// run outside vitest's set-up (an editor runner, say).
const BUILT = join(root, '.cli-build/cli/run.js');
const ARGS = existsSync(BUILT)
  ? ['--enable-source-maps', BUILT]
  : ['--import', 'tsx', join(root, 'src/cli/run.ts')];

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

/**
 * `runCli` without blocking this process: for tests whose own loopback server must keep serving
 * while the CLI talks to it.
 */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    }),
  );
}
