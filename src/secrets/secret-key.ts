import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';
import { sql } from 'kysely';
import { PerStore } from '../store/per-store.js';
import type { Store } from '../store/store.js';

/** Where the key came from, for messages (never the key itself). */
export interface SecretKey {
  key: Uint8Array;
  source: string;
}

/** Reads 32 bytes written as 64 hex digits or as base64/base64url; `name` says where it came from. */
export function parseSecretKey(text: string, name: string): Uint8Array {
  const t = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-f]{64}$/i.test(t)) bytes = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) bytes = Buffer.from(t, 'base64');
  if (bytes?.byteLength !== 32)
    throw new Error(
      `${name} must hold a 32-byte key as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`); it holds ${t.length} characters that are not one`,
    );
  return new Uint8Array(bytes);
}

/** Creates a key file with a random key unless one exists; never leaves a half-written file behind. */
export async function createKeyFile(path: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    // link() fails if the file exists: when two processes race, both use the first one's key.
    await link(tmp, path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
  } catch (error) {
    throw new Error(
      `cannot create the key file ${path} (${(error as Error).message}); set ACCORD_SECRET_KEY or ACCORD_SECRET_KEY_FILE`,
    );
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Reads a key file, or creates it (mode 0600) with a random key when it does not exist yet. */
async function keyFile(path: string, create: boolean, name: string): Promise<Uint8Array> {
  if (create && !existsSync(path)) await createKeyFile(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`${name}: cannot read ${path}: ${(error as Error).message}`);
  }
  return parseSecretKey(text, `${name} (${path})`);
}

/**
 * The default key file of a store: beside the SQLite database file (`data/accord.key` next to
 * `data/accord.db`), `./data/accord.key` for PostgreSQL; null for an in-memory SQLite database.
 */
export async function defaultKeyFile(store: Store): Promise<string | null> {
  if (store.dialect === 'postgres') return resolve('data', 'accord.key');
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(store.db);
  const file = rows[0]?.file ?? '';
  if (file === '') return null;
  const { dir, name } = parse(resolve(file));
  return join(dir, `${name}.key`);
}

/**
 * The key that seals stored credentials, in order: `ACCORD_SECRET_KEY`, the file named by
 * `ACCORD_SECRET_KEY_FILE`, else the store's default key file, created on first need. Never the
 * database itself: a dump of it must not carry what opens its secrets.
 */
export async function loadSecretKey(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<SecretKey> {
  const value = env.ACCORD_SECRET_KEY;
  if (value !== undefined && value !== '')
    return { key: parseSecretKey(value, 'ACCORD_SECRET_KEY'), source: 'ACCORD_SECRET_KEY' };
  const file = env.ACCORD_SECRET_KEY_FILE;
  if (file !== undefined && file !== '')
    return {
      key: await keyFile(file, false, 'ACCORD_SECRET_KEY_FILE'),
      source: `ACCORD_SECRET_KEY_FILE (${file})`,
    };
  const path = await defaultKeyFile(store);
  // An in-memory database dies with the process, and so may its key.
  if (path === null)
    return { key: new Uint8Array(randomBytes(32)), source: 'a key for this in-memory database' };
  return { key: await keyFile(path, true, 'the key file'), source: `the key file ${path}` };
}

const keys = new PerStore(loadSecretKey);

/** The store's secret key, loaded once per store; a failed load is tried again next time. */
export function secretKey(store: Store): Promise<SecretKey> {
  return keys.get(store);
}

/** Uses this key for the store from now on (tests, or a key handed over by the caller). */
export function useSecretKey(store: Store, key: Uint8Array, source = 'a key given for this store'): void {
  keys.set(store, { key, source });
}
