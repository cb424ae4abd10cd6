import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { cliWorkspace, runCli } from './cli-harness.js';

const fixture = (path: string) => new URL(`./fixtures/${path}`, import.meta.url).pathname;

async function objectCount(db: string): Promise<number> {
  const store = await openSqliteStore(db);
  try {
    const row = await store.db
      .selectFrom('objects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await store.close();
  }
}

describe('accord import --format misp|csv|text|misp-feed', () => {
  it('imports a MISP event, and a second run only finds duplicates', async () => {
    const w = await cliWorkspace();
    const first = runCli(['import', '--format', 'misp', fixture('misp/every-type.event.json')], w.env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/42 objects: 42 created/);
    const again = runCli(
      ['import', '--format', 'misp', '--json', fixture('misp/every-type.event.json')],
      w.env,
    );
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ files: [{ created: 0, duplicate: 42 }] });
  });

  it('malformed input of every format: exit 1, the line or path, nothing imported', async () => {
    const w = await cliWorkspace();
    const badJson = join(w.dir, 'bad.json');
    writeFileSync(badJson, '{"Event": {"uuid": "5f1e0c2a-1b2c-4d3e-8f40-112233445566", "Attribute": [}');
    const misp = runCli(['import', '--format', 'misp', badJson], w.env);
    expect(misp.status).toBe(1);
    expect(misp.stderr).toContain('invalid_json');
    expect(misp.stderr).toContain('nothing imported');

    const badAttr = join(w.dir, 'bad-attr.json');
    const event = JSON.parse(readFileSync(fixture('misp/every-type.event.json'), 'utf8')) as {
      Event: { Attribute: Array<Record<string, unknown>> };
    };
    event.Event.Attribute[5]!.distribution = 'x';
    writeFileSync(badAttr, JSON.stringify(event));
    const path = runCli(['import', '--format', 'misp', badAttr], w.env);
    expect(path.status).toBe(1);
    expect(path.stderr).toContain('Event.Attribute[5].distribution');

    const mapping = join(w.dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ header: true, columns: { value: 'value' } }));
    const csv = runCli(
      ['import', '--format', 'csv', '--mapping', mapping, fixture('csv/unclosed-quote.csv')],
      w.env,
    );
    expect(csv.status).toBe(1);
    expect(csv.stderr).toMatch(/unclosed-quote\.csv:\d+:\d+: invalid_csv/);

    expect(await objectCount(w.db)).toBe(0);
  });

  it('--dry-run previews text extraction and writes nothing', async () => {
    const w = await cliWorkspace();
    const r = runCli(['import', '--format', 'text', '--dry-run', fixture('text/report.md')], w.env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d+ would be created/);
    expect(r.stdout).toMatch(/\+ indicator--[0-9a-f-]+ \[/);
    expect(await objectCount(w.db)).toBe(0);
  });

  it('imports a MISP feed directory; usage errors exit 2', async () => {
    const w = await cliWorkspace();
    const dir = join(w.dir, 'feed');
    mkdirSync(dir);
    const event = readFileSync(fixture('misp/every-type.event.json'), 'utf8');
    const { uuid, timestamp } = (JSON.parse(event) as { Event: { uuid: string; timestamp: string } }).Event;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ [uuid]: { info: 'x', timestamp } }));
    writeFileSync(join(dir, `${uuid}.json`), event);
    const r = runCli(['import', '--format', 'misp-feed', dir], w.env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/42 created/);
    const none = runCli(['import', '--format', 'misp-feed', w.dir], w.env);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no manifest.json');
    const usage = runCli(['import', '--format', 'misp', '--preset', 'urlhaus', dir], w.env);
    expect(usage.status).toBe(2);
  });

  it('accord feed add, list and remove', async () => {
    const w = await cliWorkspace();
    const add = runCli(
      [
        'feed',
        'add',
        'urlhaus',
        '--type',
        'csv',
        '--url',
        'http://127.0.0.1:9/urlhaus.csv',
        '--preset',
        'urlhaus',
        '--schedule',
        '0 */6 * * *',
        '--tlp',
        'green',
        '--header',
        'Auth-Key: s3cret',
      ],
      w.env,
    );
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const list = runCli(['feed', 'list', '--json'], w.env);
    const feeds = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(feeds).toMatchObject([{ name: 'urlhaus', type: 'csv', schedule: '0 */6 * * *', tlp: 'green' }]);
    expect(list.stdout).not.toContain('s3cret');
    expect(
      runCli(['feed', 'add', 'urlhaus', '--type', 'csv', '--url', 'http://127.0.0.1:9/x'], w.env).status,
    ).toBe(1);
    expect(runCli(['feed', 'remove', 'urlhaus'], w.env).status).toBe(0);
    expect(runCli(['feed', 'run', 'urlhaus'], w.env).status).toBe(1);
  });
});
