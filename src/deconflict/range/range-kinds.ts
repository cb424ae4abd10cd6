import { createHash } from 'node:crypto';
import type { ObservableKind } from '../../observable/index.js';

/** The range look-up kinds and the observable kinds each covers. */
export const RANGE_KINDS = {
  email: ['email'],
  ip: ['ipv4', 'ipv6'],
  domain: ['domain'],
} as const satisfies Record<string, readonly ObservableKind[]>;
export type RangeKind = keyof typeof RANGE_KINDS;

/** Hex digits of the SHA-256 the caller sends: 5, as the Pwned Passwords range API (20 bits). */
export const PREFIX_LENGTH = 5;
/** Hex digits of each suffix answered. */
export const SUFFIX_LENGTH = 64 - PREFIX_LENGTH;

/**
 * The labels that put an object in a range set: an object (indicator, observed data, identity of a
 * victim...) of a compromised-accounts or victim list carries one of them in its STIX `labels`.
 */
export const RANGE_SET_LABELS: readonly string[] = ['compromised', 'victim'];

/** Upper-case hex SHA-256 of a normalised value: what a caller hashes before sending its prefix. */
export function rangeHash(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex').toUpperCase();
}
