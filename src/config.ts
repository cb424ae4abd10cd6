import { z } from 'zod';
import { parseSecretKey } from './secrets/secret-key.js';

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
  /**
   * The 32-byte key (64 hex digits or base64) sealing stored feed and TAXII pull credentials; read by
   * src/secrets when needed, checked here so a bad one stops the start with its name.
   */
  ACCORD_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || isSecretKey(v), {
      error: 'must hold a 32-byte key as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
    }),
  /** A file holding that key, when ACCORD_SECRET_KEY is not set. */
  ACCORD_SECRET_KEY_FILE: z.string().optional(),
  /** NATS server for the live stream's bus between nodes (src/stream); unset: the in-process bus. */
  ACCORD_NATS_URL: z
    .string()
    .regex(/^$|^(nats|tls|wss?):\/\/.+|^[^:/]+:\d+$/, 'must be nats://host:port')
    .optional(),
  /** Federation (src/federation): `off` keeps `accord serve` from pulling from peers. */
  ACCORD_FEDERATION: z.enum(['on', 'off']).default('on'),
  /** How long a caught-up pull waits at the peer for a new change (long poll), in ms; 0 polls. */
  ACCORD_FEDERATION_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(20_000),
  /** Pause after a failed pull (doubled per failure, at most 60 s), in ms. */
  ACCORD_FEDERATION_RETRY_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
});

function isSecretKey(value: string): boolean {
  try {
    parseSecretKey(value, 'ACCORD_SECRET_KEY');
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  db: string;
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  baseUrl: string;
  taxiiTitle: string;
  taxiiDescription: string;
  maxBodyBytes: number;
  /** ACCORD_NATS_URL: the live stream's bus between nodes, when set. */
  natsUrl?: string;
  /** ACCORD_FEDERATION*: whether `accord serve` pulls from peers, its long-poll wait and retry pause. */
  federation: { enabled: boolean; waitMs: number; retryMs: number };
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
    ...(c.ACCORD_NATS_URL === undefined || c.ACCORD_NATS_URL === '' ? {} : { natsUrl: c.ACCORD_NATS_URL }),
    federation: {
      enabled: c.ACCORD_FEDERATION === 'on',
      waitMs: c.ACCORD_FEDERATION_WAIT_MS,
      retryMs: c.ACCORD_FEDERATION_RETRY_MS,
    },
  };
}
