import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ConfigSchema = z.object({
  ACCORD_DB: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://...')
    .default('sqlite:./data/accord.db'),
  ACCORD_HOST: z.string().min(1).default('127.0.0.1'),
  ACCORD_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  ACCORD_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Public URL of this instance, for links in exports and feeds; defaults to http://HOST:PORT. */
  ACCORD_BASE_URL: z.url().optional(),
  ACCORD_TAXII_TITLE: z.string().default('Accord TAXII 2.1'),
  ACCORD_TAXII_DESCRIPTION: z.string().default('Threat intelligence shared through Accord'),
  /** Largest accepted request body (bundles, TAXII envelopes), in bytes. */
  ACCORD_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
});

export interface Config {
  db: string;
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  baseUrl: string;
  taxiiTitle: string;
  taxiiDescription: string;
  maxBodyBytes: number;
}

/** Reads the environment once; a bad value is reported with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  return {
    db: c.ACCORD_DB,
    host: c.ACCORD_HOST,
    port: c.ACCORD_PORT,
    logLevel: c.ACCORD_LOG_LEVEL,
    baseUrl: (c.ACCORD_BASE_URL ?? `http://${c.ACCORD_HOST}:${c.ACCORD_PORT}`).replace(/\/$/, ''),
    taxiiTitle: c.ACCORD_TAXII_TITLE,
    taxiiDescription: c.ACCORD_TAXII_DESCRIPTION,
    maxBodyBytes: c.ACCORD_MAX_BODY_BYTES,
  };
}
