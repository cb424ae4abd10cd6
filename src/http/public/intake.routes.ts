import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { invalidInput } from '../../errors.js';
import { emailContent } from '../../public/intake/email-content.js';
import { intakeFigures } from '../../public/intake/intake-figures.js';
import { INTAKE_LIMITS } from '../../public/intake/intake-limits.js';
import { intakeValues } from '../../public/intake/intake-values.js';
import { parseEmail } from '../../public/intake/parse-email.js';
import { smsContent, urlContent } from '../../public/intake/simple-content.js';
import { setIntakeOrganisation } from '../../public/intake/intake-organisation.js';
import { submitReport } from '../../public/intake/submit-report.js';
import { requireUser } from '../plugins/viewer.js';
import type { AppContext } from '../app-context.js';
import { ClientRateLimit } from './client-rate-limit.js';
import {
  EmailReportBody,
  IntakeFigures,
  IntakeOrganisationBody,
  ReportAccepted,
  SmsReportBody,
  UrlReportBody,
} from './intake.schema.js';

const THANKS = 'Thank you: your report reached the analysts. Delete the message now; do not open its links.';
const common = { tags: ['public'], security: [], response: { 202: ReportAccepted } } as const;

/**
 * Anonymous report intake: a phishing e-mail, an SMS, a URL. Each is parsed, redacted and stored in
 * the intake organisation's inbox (never public); the answer says only how many values were found.
 */
export function publicIntakeRoutes(
  ctx: AppContext,
  limit = new ClientRateLimit(INTAKE_LIMITS.reportsPerMinute),
) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/v1/public/reports/email',
      {
        bodyLimit: Math.ceil(INTAKE_LIMITS.emailBytes * 1.2),
        schema: {
          ...common,
          description: `Report a phishing e-mail: the raw message (at most ${String(INTAKE_LIMITS.emailBytes)} bytes, ${String(INTAKE_LIMITS.attachments)} attachments of ${String(INTAKE_LIMITS.attachmentBytes)} bytes, ${String(INTAKE_LIMITS.nesting)} MIME levels). Your addresses are redacted (RFC 6590) unless you leave a contact.`,
          body: EmailReportBody,
        },
      },
      async (request, reply) => {
        limit.take(request.ip);
        const { eml, ...choice } = request.body;
        const content = emailContent(await parseEmail(eml), choice);
        const stored = await submitReport(ctx.store, content);
        return reply.code(202).send({ ...stored, message: THANKS });
      },
    );
    r.post(
      '/api/v1/public/reports/sms',
      {
        schema: {
          ...common,
          description: 'Report a suspicious SMS: the sender and the text.',
          body: SmsReportBody,
        },
      },
      async (request, reply) => {
        limit.take(request.ip);
        const stored = await submitReport(ctx.store, smsContent(request.body));
        return reply.code(202).send({ ...stored, message: THANKS });
      },
    );
    r.post(
      '/api/v1/public/reports/url',
      { schema: { ...common, description: 'Report a suspicious web address.', body: UrlReportBody } },
      async (request, reply) => {
        limit.take(request.ip);
        const content = urlContent(request.body);
        if (
          !intakeValues({ ...content, text: request.body.url }).some(
            (v) => v.kind === 'url' || v.kind === 'domain',
          )
        )
          throw invalidInput('no_url', `"${request.body.url.slice(0, 80)}" is not a web address (url)`);
        const stored = await submitReport(ctx.store, content);
        return reply.code(202).send({ ...stored, message: THANKS });
      },
    );
    r.get(
      '/api/v1/public/reports/figures',
      {
        schema: {
          tags: ['public'],
          security: [],
          description: 'Counts of the last seven days of report intake; no content of any report.',
          response: { 200: IntakeFigures },
        },
      },
      async () => intakeFigures(ctx.store.db),
    );
    r.put(
      '/api/v1/admin/intake/organisation',
      {
        schema: {
          tags: ['admin'],
          description:
            'Choose the organisation whose inbox receives public reports (administrators; audited).',
          body: IntakeOrganisationBody,
        },
      },
      async (request, reply) => {
        await setIntakeOrganisation(ctx.store, requireUser(request), request.body.organisation);
        return reply.code(204).send();
      },
    );
  };
}
