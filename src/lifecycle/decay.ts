import type { ObservableKind } from '../observable/kind.js';
import type { StixObject } from '../stix/types.js';

/** MISP's polynomial decay: how long a kind of indicator lives and how its score falls on the way. */
export interface DecayModel {
  lifetimeDays: number;
  /** 1 falls linearly; above 1 falls fast at first; below 1 holds up and then drops. */
  decaySpeed: number;
}

/**
 * Lifetimes per observable kind: addresses change hands within weeks, URLs within months, domains
 * are registered for a year or so, file hashes never change meaning but stop being seen.
 */
export const DECAY_MODELS: Readonly<Record<ObservableKind | 'default', DecayModel>> = {
  ipv4: { lifetimeDays: 30, decaySpeed: 2 },
  ipv6: { lifetimeDays: 30, decaySpeed: 2 },
  'ipv4-cidr': { lifetimeDays: 60, decaySpeed: 1.5 },
  'ipv6-cidr': { lifetimeDays: 60, decaySpeed: 1.5 },
  url: { lifetimeDays: 90, decaySpeed: 1.5 },
  domain: { lifetimeDays: 180, decaySpeed: 1 },
  email: { lifetimeDays: 180, decaySpeed: 1 },
  'user-agent': { lifetimeDays: 180, decaySpeed: 1 },
  ja3: { lifetimeDays: 180, decaySpeed: 1 },
  asn: { lifetimeDays: 365, decaySpeed: 0.5 },
  md5: { lifetimeDays: 365, decaySpeed: 0.3 },
  sha1: { lifetimeDays: 365, decaySpeed: 0.3 },
  sha256: { lifetimeDays: 365, decaySpeed: 0.3 },
  sha512: { lifetimeDays: 365, decaySpeed: 0.3 },
  ssdeep: { lifetimeDays: 365, decaySpeed: 0.3 },
  tlsh: { lifetimeDays: 365, decaySpeed: 0.3 },
  'x509-sha1': { lifetimeDays: 365, decaySpeed: 0.5 },
  filename: { lifetimeDays: 180, decaySpeed: 1 },
  mutex: { lifetimeDays: 365, decaySpeed: 0.5 },
  regkey: { lifetimeDays: 365, decaySpeed: 0.5 },
  btc: { lifetimeDays: 365, decaySpeed: 0.5 },
  cve: { lifetimeDays: 730, decaySpeed: 0.3 },
  default: { lifetimeDays: 90, decaySpeed: 1 },
};

/** Below this score an indicator counts as decayed: left out of exports and matching by default. */
export const DEFAULT_DECAY_THRESHOLD = 20;
/** The base score of an indicator without `confidence` (the source's default). */
export const DEFAULT_BASE_SCORE = 50;

const DAY_MS = 86_400_000;

export interface DecayOptions {
  /** Overrides of the lifetime and speed per kind (configuration). */
  models?: Partial<Record<ObservableKind | 'default', DecayModel>>;
  /** Base score when the indicator has no `confidence`. */
  defaultBase?: number;
  /** When this instance stored the version (`date_added`): arriving here also counts as fresh news. */
  receivedAt?: string | null | undefined;
}

const time = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : NaN);
const toMs = (now: string | number | Date): number =>
  typeof now === 'number' ? now : typeof now === 'string' ? Date.parse(now) : now.getTime();

/** The model for a kind, with configured overrides. */
export function decayModel(kind: ObservableKind | null, options: DecayOptions = {}): DecayModel {
  const models = options.models ?? {};
  return (
    (kind === null ? undefined : (models[kind] ?? DECAY_MODELS[kind])) ??
    models.default ??
    DECAY_MODELS.default
  );
}

/** The moment an indicator's age counts from: the newest of `modified`, its last sighting and its arrival. */
export function decayReference(
  indicator: StixObject,
  lastSighting: string | null | undefined,
  receivedAt?: string | null,
): number {
  const candidates = [time(indicator.modified ?? indicator.created), time(lastSighting), time(receivedAt)];
  const known = candidates.filter((t) => !Number.isNaN(t));
  return known.length === 0 ? NaN : Math.max(...known);
}

/**
 * MISP's polynomial decay score in [0, 100]: `base × (1 − (age / lifetime)^(1 / decay_speed))`, base
 * from the indicator's `confidence` (else the source's default), lifetime and speed per observable
 * kind, age from the newest sighting or `modified`. Revoked indicators and those past `valid_until`
 * score 0.
 */
export function decayScore(
  indicator: StixObject,
  kind: ObservableKind | null,
  lastSighting: string | null | undefined,
  now: string | number | Date,
  options: DecayOptions = {},
): number {
  const at = toMs(now);
  if (indicator.revoked === true) return 0;
  if (time(indicator.valid_until) <= at) return 0;
  const confidence = indicator.confidence;
  const base =
    typeof confidence === 'number' && confidence >= 0 && confidence <= 100
      ? confidence
      : (options.defaultBase ?? DEFAULT_BASE_SCORE);
  const reference = decayReference(indicator, lastSighting, options.receivedAt);
  const model = decayModel(kind, options);
  const age = Number.isNaN(reference) ? 0 : Math.max(0, at - reference) / DAY_MS;
  const score = base * (1 - (age / model.lifetimeDays) ** (1 / model.decaySpeed));
  return Math.round(Math.min(100, Math.max(0, score)) * 100) / 100;
}
