import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import type { Store } from '../store/store.js';
import {
  defaultKeyFile,
  isSealed,
  loadSecretKey,
  openSecret,
  openValues,
  parseSecretKey,
  sealSecret,
  sealValues,
  SecretKeyMismatch,
  useSecretKey,
} from './index.js';
import { createKeyFile } from './secret-key.js';

const key = new Uint8Array(randomBytes(32));
const SECRET = 'Bearer s3cret-accord-test.xyz';

describe('sealSecret / openSecret', () => {
  it('round-trips, with a fresh IV per value and a versioned text format', () => {
    const a = sealSecret(key, SECRET);
    const b = sealSecret(key, SECRET);
    expect(a).toMatch(/^sealed:v1:[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(openSecret(key, a)).toBe(SECRET);
    expect(openSecret(key, b)).toBe(SECRET);
    expect(openSecret(key, sealSecret(key, ''))).toBe('');
  });

  it('passes values from before sealing through as they are', () => {
    expect(isSealed(SECRET)).toBe(false);
    expect(openSecret(key, SECRET)).toBe(SECRET);
  });

  it('refuses another key and altered text with SecretKeyMismatch, never returning garbage', () => {
    const sealed = sealSecret(key, SECRET);
    expect(() => openSecret(new Uint8Array(randomBytes(32)), sealed)).toThrow(SecretKeyMismatch);
    const [iv, tag, body] = sealed.slice('sealed:v1:'.length).split('.') as [string, string, string];
    const flipped = `${body.slice(0, -2)}${body.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => openSecret(key, `sealed:v1:${iv}.${tag}.${flipped}`)).toThrow(SecretKeyMismatch);
    expect(() => openSecret(key, 'sealed:v1:garbage')).toThrow(SecretKeyMismatch);
    expect(() => openSecret(key, 'sealed:v9:a.b.c')).toThrow(/unknown sealed format sealed:v9/);
  });
});

describe('parseSecretKey', () => {
  it('reads 32 bytes as hex, base64 or base64url', () => {
    const bytes = randomBytes(32);
    for (const text of [
      bytes.toString('hex'),
      bytes.toString('base64'),
      bytes.toString('base64url'),
      ` ${bytes.toString('base64')}\n`,
    ])
      expect(Buffer.from(parseSecretKey(text, 'X'))).toEqual(bytes);
  });

  it('names the variable for a malformed key and never echoes it', () => {
    for (const bad of [
      'short',
      randomBytes(16).toString('hex'),
      randomBytes(31).toString('base64'),
      'z'.repeat(64),
    ]) {
      let message = '';
      try {
        parseSecretKey(bad, 'ACCORD_SECRET_KEY');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^ACCORD_SECRET_KEY must hold a 32-byte key/);
      expect(message).not.toContain(bad);
    }
  });
});

describe.each(storeBackends())('the secret key of a store on $name', (backend) => {
  let store: Store;
  let dir: string;
  beforeEach(async () => {
    store = await backend.open();
    dir = mkdtempSync(join(tmpdir(), 'accord-key-'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes ACCORD_SECRET_KEY first, then ACCORD_SECRET_KEY_FILE', async () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const file = join(dir, 'key');
    writeFileSync(file, `${b.toString('hex')}\n`);
    const both = { ACCORD_SECRET_KEY: a.toString('base64'), ACCORD_SECRET_KEY_FILE: file };
    expect(Buffer.from((await loadSecretKey(store, both)).key)).toEqual(a);
    const fromFile = await loadSecretKey(store, { ACCORD_SECRET_KEY_FILE: file });
    expect(Buffer.from(fromFile.key)).toEqual(b);
    expect(fromFile.source).toBe(`ACCORD_SECRET_KEY_FILE (${file})`);
  });

  it('fails clearly on a malformed ACCORD_SECRET_KEY or a missing or malformed key file', async () => {
    await expect(loadSecretKey(store, { ACCORD_SECRET_KEY: 'not-a-key' })).rejects.toThrow(
      /^ACCORD_SECRET_KEY must hold a 32-byte key as 64 hex digits or base64/,
    );
    await expect(loadSecretKey(store, { ACCORD_SECRET_KEY_FILE: join(dir, 'absent') })).rejects.toThrow(
      /^ACCORD_SECRET_KEY_FILE: cannot read .*absent/,
    );
    writeFileSync(join(dir, 'bad'), 'nope\n');
    await expect(loadSecretKey(store, { ACCORD_SECRET_KEY_FILE: join(dir, 'bad') })).rejects.toThrow(
      /^ACCORD_SECRET_KEY_FILE \(.*bad\) must hold a 32-byte key/,
    );
  });

  it('keeps the default key file outside the database: beside the SQLite file, ./data for PostgreSQL', async () => {
    const path = await defaultKeyFile(store);
    if (backend.name === 'postgres') {
      expect(path).toBe(resolve('data', 'accord.key'));
      return;
    }
    const { rows } = await import('kysely').then(({ sql }) =>
      sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(store.db),
    );
    expect(path).toBe(rows[0]!.file.replace(/accord\.db$/, 'accord.key'));
  });

  it.runIf(backend.name === 'sqlite')(
    'creates the default key file once, mode 0600, and reuses it',
    async () => {
      const path = (await defaultKeyFile(store))!;
      const first = await loadSecretKey(store, {});
      expect(first.source).toBe(`the key file ${path}`);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const text = readFileSync(path, 'utf8');
      expect(Buffer.from(parseSecretKey(text, 'file'))).toEqual(Buffer.from(first.key));
      expect(Buffer.from((await loadSecretKey(store, {})).key)).toEqual(Buffer.from(first.key));
      expect(readFileSync(path, 'utf8')).toBe(text);
    },
  );

  it.runIf(backend.name === 'sqlite')('never replaces a key file another process created first', async () => {
    const path = (await defaultKeyFile(store))!;
    const first = await loadSecretKey(store, {});
    const text = readFileSync(path, 'utf8');
    // What a process that lost the race to create the file does: its key must not win.
    await createKeyFile(path);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(Buffer.from((await loadSecretKey(store, {})).key)).toEqual(Buffer.from(first.key));
    expect(readdirSync(dirname(path)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('seals and opens values with the store key; a wrong key names the owner, not the value', async () => {
    useSecretKey(store, key);
    const sealed = await sealValues(store, { a: 'pw-s3cret', b: undefined, c: 'sealed:v1:already' });
    expect(sealed.a).toMatch(/^sealed:v1:/);
    expect(sealed.b).toBeUndefined();
    expect(sealed.c).toBe('sealed:v1:already');
    expect(await openValues(store, { a: sealed.a, d: 'plain' }, 'feed x')).toEqual({
      a: 'pw-s3cret',
      d: 'plain',
    });
    useSecretKey(store, new Uint8Array(randomBytes(32)), 'ACCORD_SECRET_KEY');
    const failure = openValues(store, { a: sealed.a }, 'feed x');
    await expect(failure).rejects.toThrow(
      /^feed x: its stored credentials cannot be opened: the secret key \(ACCORD_SECRET_KEY\) does not match/,
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
