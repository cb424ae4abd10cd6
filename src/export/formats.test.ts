import { describe, expect, it } from 'vitest';
import { awkwardItems } from '../../test/fixtures/export/items.js';
import { exportFormat, FORMATS } from './formats.js';
import { collect } from './stream-lines.js';

describe('FORMATS', () => {
  it('lists every format the CLI and feeds offer', () => {
    expect(Object.keys(FORMATS).sort()).toEqual(
      [
        'cidr',
        'csv',
        'domain',
        'ip',
        'md5',
        'rpz',
        'sha1',
        'sha256',
        'snort',
        'suricata',
        'url',
        'zeek',
      ].sort(),
    );
  });

  it('marks lists, rules and RPZ as blocking, CSV and Zeek as not', () => {
    const blocking = Object.values(FORMATS)
      .filter((f) => f.blocking)
      .map((f) => f.name)
      .sort();
    expect(blocking).toEqual([
      'cidr',
      'domain',
      'ip',
      'md5',
      'rpz',
      'sha1',
      'sha256',
      'snort',
      'suricata',
      'url',
    ]);
  });

  it('writes nothing from items of kinds a format does not accept', async () => {
    for (const format of Object.values(FORMATS)) {
      if (format.name === 'csv') continue;
      const others = awkwardItems().filter((i) => !format.kinds.includes(i.kind));
      const out = await collect(format.formatter(others, { origin: 'rpz.example' }));
      const data = out.split('\n').filter((l) => l !== '' && !/^(#|;|\$TTL|@ )/.test(l));
      expect(data, format.name).toEqual([]);
    }
  });

  it('gives suricata its hash list side files', async () => {
    const files = await exportFormat('suricata')?.sideFiles?.(awkwardItems());
    expect([...(files?.keys() ?? [])]).toEqual(['accord-md5.list', 'accord-sha1.list', 'accord-sha256.list']);
  });

  it('knows no format by an inherited name', () => {
    expect(exportFormat('toString')).toBeUndefined();
    expect(exportFormat('zeek')?.fileExtension).toBe('intel');
  });
});
