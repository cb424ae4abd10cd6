import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AccordError } from '../../errors.js';

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** TAXII clients expect the TAXII error message resource; everything else gets Accord's JSON. */
function render(request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorBody) {
  if (request.url.startsWith('/taxii2')) {
    return reply
      .status(status)
      .type('application/taxii+json;version=2.1')
      .send({
        title: body.message,
        http_status: String(status),
        error_code: body.code,
        ...(body.details === undefined ? {} : { details: body.details }),
      });
  }
  return reply.status(status).send(body);
}

/** The one hook that renders errors: catalogue errors as themselves, anything unknown as a logged 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AccordError | Error, request, reply) => {
    if (error instanceof AccordError) {
      return render(request, reply, error.status, {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'request'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message,
      }));
      return render(request, reply, 400, {
        code: 'invalid_request',
        message: `invalid ${error.validationContext ?? 'request'}: ${details.map((d) => `${d.path} ${d.message ?? ''}`).join('; ')}`,
        details,
      });
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const code =
        status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 429
              ? 'rate_limited'
              : 'bad_request';
      return render(request, reply, status, { code, message: error.message });
    }
    request.log.error({ err: error }, 'unexpected error');
    return render(request, reply, 500, { code: 'internal', message: 'internal error; it has been logged' });
  });
  app.setNotFoundHandler((request, reply) =>
    render(request, reply, 404, {
      code: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    }),
  );
}
