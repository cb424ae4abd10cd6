import { describe, expect, it } from 'vitest';
import { shippedDecryptors } from '../src/public/ransomware/decryptors.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { cliWorkspace, runCli } from './cli-harness.js';

const LOCKY = '8d51a22e-3485-4480-af96-8ed0305a7aa6';
const DJVU = 'e37ddc9e-8ceb-4817-a17e-755aa379ed14';

async function auditActions(db: string): Promise<string[]> {
  const store = await openSqliteStore(db);
  try {
    const rows = await store.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .orderBy('seq')
      .execute();
    return rows.map((r) => `${r.action}:${r.outcome}`);
  } finally {
    await store.close();
  }
}

// Each run starts a Node process (seconds on a busy machine): the tests allow for it.
const SLOW = 300_000;

describe('accord ransomware decryptor|contact', () => {
  it(
    'lists, sets and removes decryptors; identify then uses the edited table; audited',
    async () => {
      const ws = await cliWorkspace();
      const list = runCli(['ransomware', 'decryptor', 'list', '--json'], ws.env);
      expect(list.status).toBe(0);
      const rows = JSON.parse(list.stdout) as Array<{ galaxy_uuid: string }>;
      expect(rows.map((r) => r.galaxy_uuid)).toContain(DJVU);
      expect(rows.map((r) => r.galaxy_uuid)).not.toContain(LOCKY);

      const set = runCli(
        [
          'ransomware',
          'decryptor',
          'set',
          LOCKY,
          '--tool',
          'Locky keys',
          '--provider',
          'Example Lab',
          '--url',
          'https://decrypt.example/locky',
          '--source',
          'https://news.example/locky',
        ],
        ws.env,
      );
      expect(set.stderr).toBe('');
      expect(set.stdout).toMatch(/added the decryptor of Locky/);
      const human = runCli(['ransomware', 'decryptor', 'list'], ws.env).stdout;
      expect(human).toMatch(new RegExp(`${LOCKY}\\tLocky\\tLocky keys\\tExample Lab`));
      const id = runCli(
        [
          'ransomware',
          'identify',
          '--extension',
          'x.docx.locky',
          '--note-name',
          '_Locky_recover_instructions.txt',
          '--json',
        ],
        ws.env,
      );
      const found = (
        JSON.parse(id.stdout) as {
          candidates: Array<{ galaxy_uuid: string; decryptor: { tool: string } | null }>;
        }
      ).candidates.find((c) => c.galaxy_uuid === LOCKY);
      expect(found?.decryptor?.tool).toBe('Locky keys');

      expect(runCli(['ransomware', 'decryptor', 'remove', DJVU], ws.env).status).toBe(0);
      const djvu = runCli(['ransomware', 'identify', '--extension', 'a.djvu', '--json'], ws.env);
      expect(
        (JSON.parse(djvu.stdout) as { candidates: Array<{ decryptor: unknown }> }).candidates[0]?.decryptor,
      ).toBeNull();
      expect(await auditActions(ws.db)).toEqual(
        expect.arrayContaining(['ransomware.decryptor.set:ok', 'ransomware.decryptor.remove:ok']),
      );
    },
    SLOW,
  );

  it(
    'refuses bad input with exit 1 and a message naming the option, changing nothing',
    async () => {
      const ws = await cliWorkspace();
      const args = ['--tool', 't', '--provider', 'p', '--source', 'https://s.example/'];
      const badUrl = runCli(
        ['ransomware', 'decryptor', 'set', LOCKY, ...args, '--url', 'javascript:x'],
        ws.env,
      );
      expect(badUrl.status).toBe(1);
      expect(badUrl.stderr).toMatch(/--url: must be an http or https URL/);
      const unknown = runCli(
        [
          'ransomware',
          'decryptor',
          'set',
          '00000000-0000-4000-8000-000000000000',
          ...args,
          '--url',
          'https://u.example/',
        ],
        ws.env,
      );
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/not a family of the ransomware database/);
      const notUuid = runCli(
        ['ransomware', 'decryptor', 'set', 'locky', ...args, '--url', 'https://u.example/'],
        ws.env,
      );
      expect(notUuid.status).toBe(1);
      expect(notUuid.stderr).toMatch(/<galaxy-uuid>/);
      const missing = runCli(['ransomware', 'decryptor', 'remove', LOCKY], ws.env);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/not found/);
      expect(runCli(['ransomware', 'decryptor', 'set', LOCKY], ws.env).status).toBe(2);
      const after = JSON.parse(
        runCli(['ransomware', 'decryptor', 'list', '--json'], ws.env).stdout,
      ) as unknown[];
      expect(after).toHaveLength(shippedDecryptors().length);
    },
    SLOW,
  );

  it(
    'lists, sets and removes reporting contacts, which identify then names',
    async () => {
      const ws = await cliWorkspace();
      const set = runCli(
        ['ransomware', 'contact', 'set', 'de', '--name', 'BKA', '--url', 'https://www.bka.de/'],
        ws.env,
      );
      expect(set.stdout).toMatch(/added the reporting contact of DE/);
      expect(runCli(['ransomware', 'contact', 'list'], ws.env).stdout).toMatch(
        /^DE\tBKA\thttps:\/\/www\.bka\.de\/$/m,
      );
      const advice = runCli(['ransomware', 'identify', '--extension', 'a.djvu', '--country', 'DE'], ws.env);
      expect(advice.stdout).toMatch(/Report it: BKA, https:\/\/www\.bka\.de\//);
      expect(runCli(['ransomware', 'contact', 'remove', 'DE'], ws.env).status).toBe(0);
      const list = JSON.parse(runCli(['ransomware', 'contact', 'list', '--json'], ws.env).stdout) as Array<{
        country: string;
      }>;
      expect(list.map((c) => c.country)).not.toContain('DE');
      const bad = runCli(
        ['ransomware', 'contact', 'set', 'DEU', '--name', 'x', '--url', 'https://x.example/'],
        ws.env,
      );
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/<country>: must be two letters/);
      expect(await auditActions(ws.db)).toEqual(
        expect.arrayContaining(['ransomware.contact.set:ok', 'ransomware.contact.remove:ok']),
      );
    },
    SLOW,
  );
});
