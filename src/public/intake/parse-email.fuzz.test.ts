import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWorld, newOrg } from '../../admin/admin-test-kit.js';
import type { AdminWorld } from '../../admin/admin-test-kit.js';
import { AccordError } from '../../errors.js';
import { storeBackends } from '../../../test/store-harness.js';
import { emailContent } from './email-content.js';
import { INTAKE_LIMITS } from './intake-limits.js';
import { setIntakeOrganisation } from './intake-organisation.js';
import { parseEmail } from './parse-email.js';
import { submitReport } from './submit-report.js';

const CLEAR = new Set(['malformed_email', 'email_too_complex', 'payload_too_large']);

const header = fc.oneof(
  fc.constantFrom(
    'From: a@bad.example',
    'To: v@example.org',
    'Subject: hi',
    'Received: from x ([192.0.2.1])',
  ),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), fc.string({ maxLength: 200 }))
    .map(([k, v]) => `${k}: ${v}`),
  fc.string({ maxLength: 300 }),
);
const encoding = fc.constantFrom('7bit', 'base64', 'quoted-printable', '8bit', 'x-bogus');

/** A MIME tree: leaves of random text or attached messages, multiparts nested to a random depth. */
const part: fc.Memo<string> = fc.memo((depth) =>
  depth <= 0
    ? fc.oneof(
        fc
          .tuple(encoding, fc.string({ maxLength: 500 }))
          .map(
            ([e, body]) =>
              `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: ${e}\r\n\r\n${body}`,
          ),
        fc.constant('Content-Type: message/rfc822\r\n\r\nFrom: x@y.example\r\nSubject: inner\r\n\r\nbody'),
      )
    : fc
        .tuple(
          fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,30}$/),
          fc.array(part(depth - 1), { maxLength: 2 }),
          fc.boolean(),
        )
        .map(
          ([b, parts, close]) =>
            `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n${parts.map((p) => `--${b}\r\n${p}\r\n`).join('')}${close ? `--${b}--` : ''}`,
        ),
);

/** A huge attachment (up to 3 MB encoded), beside the tree: past the attachment and message limits. */
const huge = fc
  .integer({ min: 0, max: 3 })
  .map(
    (mb) =>
      `--outer\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=a.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n${'QUFB'.repeat(Math.floor((mb * 1024 * 1024 + 1000) / 4))}\r\n--outer--`,
  );

const withHuge = fc
  .tuple(part(1), huge)
  .map(
    ([p, h]) =>
      `From: a@bad.example\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\n--outer\r\n${p}\r\n${h}`,
  );

const message = fc
  .tuple(
    fc.array(header, { maxLength: 8 }),
    fc.option(part(INTAKE_LIMITS.nesting + 2), { nil: undefined }),
    fc.string({ maxLength: 200 }),
  )
  .map(([headers, body, tail]) => `${headers.join('\r\n')}\r\n${body ?? `\r\n${tail}`}`);

/** A valid message, then a random slice of it cut out, duplicated or replaced: mutated MIME. */
const mutated = fc.tuple(message, fc.nat(), fc.nat(), fc.string({ maxLength: 40 })).map(([m, a, b, s]) => {
  const i = a % (m.length + 1);
  const j = Math.min(m.length, i + (b % 200));
  return m.slice(0, i) + s + m.slice(j);
});

describe('the e-mail parser path under random and mutated MIME', () => {
  it('gives a clean result or a clear intake error, never a crash, within a time bound', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(message, mutated, withHuge), async (raw) => {
        const started = performance.now();
        try {
          const email = await parseEmail(raw);
          const content = emailContent(email, {});
          expect(typeof content.text).toBe('string');
          expect(email.attachments.length).toBeLessThanOrEqual(INTAKE_LIMITS.attachments);
        } catch (e) {
          expect(e).toBeInstanceOf(AccordError);
          expect(CLEAR.has((e as AccordError).code), (e as Error).message).toBe(true);
          expect((e as Error).message.length).toBeGreaterThan(10);
        }
        expect(performance.now() - started).toBeLessThan(5_000);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe.each(storeBackends().filter((b) => b.name === 'sqlite'))(
  'submitting fuzzed e-mails on $name',
  ({ open }) => {
    let world: AdminWorld;
    beforeAll(async () => {
      world = await adminWorld(await open());
      await setIntakeOrganisation(
        world.store,
        world.admin,
        (await newOrg(world, { kind: 'law-enforcement' })).id,
      );
    });
    afterAll(async () => world.store.close());

    const counts = async () => {
      const n = async (t: 'objects' | 'public_intake_reports' | 'public_intake_values') =>
        Number(
          (
            await world.store.db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirst()
          )?.n,
        );
      return [await n('objects'), await n('public_intake_reports'), await n('public_intake_values')];
    };

    it('writes a whole report or nothing at all', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(message, mutated), async (raw) => {
          const before = await counts();
          let stored = false;
          try {
            await submitReport(world.store, emailContent(await parseEmail(raw), {}));
            stored = true;
          } catch (e) {
            expect(CLEAR.has((e as AccordError).code), (e as Error).message).toBe(true);
          }
          const after = await counts();
          if (stored) expect(after[1]).toBe(before[1]! + 1);
          else expect(after).toEqual(before);
        }),
        { numRuns: 30 },
      );
    }, 120_000);
  },
);
