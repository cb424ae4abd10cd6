import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { forbidden } from '../../errors.js';
import { INTAKE_LIMITS } from '../../public/intake/intake-limits.js';
import { arfContent } from '../../public/intake/partner/arf-content.js';
import { xarfContent } from '../../public/intake/partner/xarf-content.js';
import { XarfReport } from '../../public/intake/partner/xarf-schema.js';
import { submitReport } from '../../public/intake/submit-report.js';
import { canWriteObjects } from '../../policy/viewer.js';
import type { UserViewer } from '../../policy/viewer.js';
import { requireUser } from '../plugins/viewer.js';
import type { AppContext } from '../app-context.js';
import type { FastifyRequest } from 'fastify';
import { PartnerReportAccepted } from './partner-intake.schema.js';

const ARF_TYPES = ['message/rfc822', 'multipart/report'];
/** Base64 evidence and the e-mail's own encodings make the wire size larger than the decoded limit. */
const BODY_LIMIT = Math.ceil(INTAKE_LIMITS.emailBytes * 1.5);

function partner(request: FastifyRequest): UserViewer {
  const viewer = requireUser(request);
  if (!canWriteObjects(viewer))
    throw forbidden('posting abuse reports needs a contributor key that is not read-only', 'read_only');
  return viewer;
}

/**
 * Partner intake: X-ARF v4 (JSON) and ARF (RFC 5965) abuse reports posted with an API key, stored in
 * the intake organisation's inbox like the public reports and credited to the posting organisation.
 */
export function partnerIntakeRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    app.addContentTypeParser(
      ARF_TYPES,
      { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
      (request, body, done) => {
        // A multipart/report posted as the body has its boundary in the request header: put it back.
        const type = request.headers['content-type'] ?? '';
        done(
          null,
          /^multipart\/report/i.test(type)
            ? Buffer.concat([Buffer.from(`Content-Type: ${type}\r\n\r\n`), body as Buffer])
            : body,
        );
      },
    );
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/v1/intake/xarf',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['intake'],
          description:
            'Post an X-ARF v4 abuse report (xarf.org core schema; category fields are kept and scanned). Evidence of type message/rfc822 is read as an e-mail under the intake limits. Stored in the intake inbox, credited to your organisation.',
          body: XarfReport,
          response: { 202: PartnerReportAccepted },
        },
      },
      async (request, reply) => {
        const viewer = partner(request);
        const stored = await submitReport(
          ctx.store,
          await xarfContent(request.body, viewer.orgId),
          new Date(),
          viewer,
        );
        return reply.code(202).send({ ...stored, partner: viewer.orgId });
      },
    );
    r.post(
      '/api/v1/intake/arf',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['intake'],
          description:
            'Post an ARF feedback report (RFC 5965): the whole message as message/rfc822, or its body as multipart/report; report-type=feedback-report. Stored in the intake inbox, credited to your organisation.',
          consumes: ARF_TYPES,
          response: { 202: PartnerReportAccepted },
        },
      },
      async (request, reply) => {
        const viewer = partner(request);
        const raw = request.body as Buffer;
        const stored = await submitReport(ctx.store, await arfContent(raw, viewer.orgId), new Date(), viewer);
        return reply.code(202).send({ ...stored, partner: viewer.orgId });
      },
    );
  };
}
