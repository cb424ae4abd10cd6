import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.js';
import { bundlesRoutes } from './bundles/bundles.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { ACCORD_VERSION } from './health/health.routes.js';
import { objectsRoutes } from './objects/objects.routes.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { installViewer } from './plugins/viewer.js';

export interface AppOptions {
  /** pino logger options, or false for none (tests). */
  logger?: boolean | { level: string };
  /** Extra route modules registered after the core ones (TAXII, feeds, admin, web...). */
  routes?: Array<(ctx: AppContext) => (app: FastifyInstance) => void | Promise<void>>;
  /** Requests per minute per client; 0 turns limiting off (benchmarks). */
  rateLimitPerMinute?: number;
}

/** Builds the Fastify application: one error catalogue, one viewer per request, thin route modules. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: ctx.config.maxBodyBytes,
    // Lets TAXII paths work with or without their trailing slash.
    routerOptions: { ignoreTrailingSlash: true },
  });
  closeConnectionsOnClose(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app, {
    // Swagger UI and the web UI load their own scripts and styles from this origin only.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  const perMinute = options.rateLimitPerMinute ?? 6000;
  if (perMinute > 0) await app.register(fastifyRateLimit, { max: perMinute, timeWindow: '1 minute' });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Accord API',
        description: 'Threat-intelligence exchange: STIX 2.1 objects, sharing policy, imports and exports.',
        version: ACCORD_VERSION,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  installViewer(app, ctx.auth);
  for (const routes of [healthRoutes, objectsRoutes, bundlesRoutes, ...(options.routes ?? [])]) {
    await app.register(async (instance) => {
      await routes(ctx)(instance);
    });
  }
  return app;
}

/**
 * Once the app is closing, every response closes its connection. Node's `server.close()` closes the
 * keep-alive connections idle at that moment only: one busy writing a response stayed open until its
 * keep-alive timeout (72 s) and held `close()` — and so a restart of `accord serve` — that long.
 */
function closeConnectionsOnClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  // A response whose headers went out before the close began: its connection is idle once it ends.
  app.addHook('onResponse', (_request, _reply, done) => {
    if (closing)
      setImmediate(() => {
        app.server.closeIdleConnections();
      });
    done();
  });
}
