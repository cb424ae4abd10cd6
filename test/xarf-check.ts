import { expect } from 'vitest';
import { z } from 'zod';

/**
 * The constraints of XARF v4's `xarf-core.json` and its `infrastructure` types of release 4.2.0
 * (botnet requires `compromise_evidence`, compromised_server a `compromise_method`), written from the
 * specification at xarf.org: the schema files themselves are not shipped with Accord.
 */
const Contact = z.strictObject({ org: z.string().max(200), contact: z.email(), domain: z.hostname() });
const Core = z.looseObject({
  xarf_version: z.string().regex(/^4\.[0-9]+\.[0-9]+$/),
  report_id: z.uuid({ version: 'v4' }),
  timestamp: z.iso.datetime({ offset: true }),
  reporter: Contact,
  sender: Contact,
  source_identifier: z.string().min(1),
  category: z.enum([
    'messaging',
    'content',
    'copyright',
    'connection',
    'vulnerability',
    'infrastructure',
    'reputation',
  ]),
  type: z.string(),
  description: z.string().max(1000).optional(),
  confidence: z.number().min(0).max(1).optional(),
  tags: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_+-]*:[a-z0-9][a-z0-9_+.-]*$/))
    .max(20)
    .optional(),
});
const Infrastructure = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('botnet'), compromise_evidence: z.string().min(1) }),
  z.looseObject({ type: z.literal('compromised_server'), compromise_method: z.string().min(1) }),
]);

/** Fails with the offending JSON paths when `report` is not a valid XARF v4 infrastructure report. */
export function expectXarfCore(report: unknown): void {
  const core = Core.safeParse(report);
  expect(core.success ? [] : core.error.issues).toEqual([]);
  const typed = Infrastructure.safeParse(report);
  expect(typed.success ? [] : typed.error.issues).toEqual([]);
}
