import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectXarfCore } from '../../../test/xarf-check.js';
import { TARGET_KINDS } from '../target-kind.js';
import { xarfReport } from './xarf.js';

const reporter = { org: 'National Cyber Crime Unit', contact: 'abuse@ncu.example', domain: 'ncu.example' };
const VALUES: Record<string, string> = {
  domain: 'shop.example',
  url: 'http://shop.example/x',
  cidr: '192.0.2.0/24',
  ipv6: '2001:db8::1',
};
const reports = TARGET_KINDS.map((kind) =>
  xarfReport({
    reporter,
    operationId: 'op-1',
    operationCode: 'OP ENDGAME',
    targetId: `t-${kind}`,
    kind,
    value: VALUES[kind] ?? '192.0.2.7',
    firstSeen: '2026-03-01T10:00:00.000Z',
  }),
);

describe('XARF v4 victim notifications', () => {
  it('are valid core + infrastructure reports for every target kind', () => {
    for (const r of reports) expectXarfCore(r);
    expect(reports.find((r) => r.source_identifier === 'shop.example')?.type).toBe('compromised_server');
    expect(reports.find((r) => r.source_identifier === '2001:db8::1')?.type).toBe('botnet');
    expect(new Set(reports.map((r) => r.report_id)).size).toBe(reports.length);
    expect(reports[0]?.tags).toContain('operation:op-endgame');
  });
});

// The xarf-spec schema files are not shipped; point ACCORD_XARF_SCHEMA_DIR at a copy of schemas/v4 of
// github.com/xarf/xarf-spec (tag v4.2.0) to validate against them as well.
const SCHEMA_DIR = process.env.ACCORD_XARF_SCHEMA_DIR;
if (SCHEMA_DIR === undefined)
  console.warn('skipped: XARF JSON-schema validation (set ACCORD_XARF_SCHEMA_DIR)');

describe.skipIf(SCHEMA_DIR === undefined)('XARF reports against the xarf-spec JSON schemas', () => {
  it('validate', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const addFormats = (await import('ajv-formats')).default as unknown as (a: unknown) => void;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const load = (f: string) => JSON.parse(readFileSync(join(SCHEMA_DIR!, f), 'utf8')) as object;
    ajv.addSchema(load('xarf-core.json'));
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    for (const r of reports) {
      const file = `types/infrastructure-${r.type.replace('_', '-')}.json`;
      const validate = validators.get(file) ?? ajv.compile(load(file));
      validators.set(file, validate);
      expect(validate(r) ? [] : validate.errors).toEqual([]);
    }
  });
});
