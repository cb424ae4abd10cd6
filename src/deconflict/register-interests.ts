import { randomUUID } from 'node:crypto';
import { auditOk, auditedWrite } from '../audit/index.js';
import { forbidden } from '../errors.js';
import { canWriteObjects } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import { sealSecret, secretKey } from '../secrets/index.js';
import type { DeconflictInterestsTable } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { deconflictKey, keyedHash } from './deconflict-key.js';
import { interestValue } from './interest-value.js';
import { bumpEpoch } from './prefilter.js';
import { probeClass } from './probe-class.js';

export const SENSITIVITIES = ['normal', 'sensitive', 'highly-sensitive'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Longest an interest may stay registered; it must be renewed after. */
export const MAX_EXPIRY_DAYS = 5 * 366;
export const DEFAULT_EXPIRY_DAYS = 365;

export interface InterestInput {
  kind?: string | undefined;
  value: string;
  caseRef: string;
  contact: string;
  expiresAt?: string | undefined;
  sensitivity?: Sensitivity | undefined;
  notifyOwner?: boolean | undefined;
}

export interface RegisterResult {
  index: number;
  status: 'registered' | 'invalid';
  id?: string;
  kind?: string;
  value?: string;
  expires_at?: string;
  error?: string;
}

function expiry(input: InterestInput, now: Date): string | { error: string } {
  const max = now.getTime() + MAX_EXPIRY_DAYS * 86_400_000;
  if (input.expiresAt === undefined)
    return new Date(now.getTime() + DEFAULT_EXPIRY_DAYS * 86_400_000).toISOString();
  const t = Date.parse(input.expiresAt);
  if (Number.isNaN(t)) return { error: 'expires_at is not a date' };
  if (t <= now.getTime()) return { error: 'expires_at is in the past' };
  if (t > max) return { error: `expires_at is more than ${String(MAX_EXPIRY_DAYS)} days ahead` };
  return new Date(t).toISOString();
}

/**
 * Registers interests of the viewer's organisation: each value normalised, stored as its keyed
 * hashes, its clear value and case reference sealed for the owner's listing. One transaction; each
 * item gets a result, invalid ones are left out (nothing half-written). Audited without the values.
 */
export async function registerInterests(
  store: Store,
  viewer: UserViewer,
  inputs: readonly InterestInput[],
  now: Date = new Date(),
): Promise<RegisterResult[]> {
  if (!canWriteObjects(viewer)) throw forbidden('registering interests needs a role that may write');
  const { key } = await deconflictKey(store);
  const seal = (await secretKey(store)).key;
  const created = now.toISOString();
  const results: RegisterResult[] = [];
  const rows: Array<{
    interest: DeconflictInterestsTable;
    hashes: Array<{ hash: string; probe_class: string | null }>;
  }> = [];
  inputs.forEach((input, index) => {
    const v = interestValue(input.kind ?? 'auto', input.value);
    const expires = expiry(input, now);
    const caseRef = input.caseRef.trim();
    const contact = input.contact.trim();
    const error =
      typeof v === 'string'
        ? v
        : typeof expires !== 'string'
          ? expires.error
          : caseRef === ''
            ? 'case_ref is empty'
            : contact === ''
              ? 'contact is empty'
              : undefined;
    if (error !== undefined || typeof v === 'string' || typeof expires !== 'string') {
      results.push({ index, status: 'invalid', error: error ?? 'invalid' });
      return;
    }
    const id = `interest--${randomUUID()}`;
    rows.push({
      interest: {
        id,
        owner_org: viewer.orgId,
        created_by: viewer.userId,
        kind: v.kind,
        sealed_value: sealSecret(seal, v.value),
        sealed_case: sealSecret(seal, caseRef),
        contact,
        sensitivity: input.sensitivity ?? 'normal',
        notify: input.notifyOwner === false ? 0 : 1,
        expires_at: expires,
        created,
      },
      hashes: [...new Set(v.stored)].map((s) => ({ hash: keyedHash(key, s), probe_class: probeClass(s) })),
    });
    results.push({ index, status: 'registered', id, kind: v.kind, value: v.value, expires_at: expires });
  });
  await auditedWrite(store, viewer, { action: 'deconflict.register' }, async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await trx
        .insertInto('deconflict_interests')
        .values(chunk.map((r) => r.interest))
        .execute();
      const hashes = chunk.flatMap((r) => r.hashes.map((h) => ({ ...h, interest_id: r.interest.id })));
      for (let j = 0; j < hashes.length; j += 500)
        await trx
          .insertInto('deconflict_hashes')
          .values(hashes.slice(j, j + 500))
          .execute();
    }
    if (rows.length > 0) await bumpEpoch(trx);
    await auditOk(trx, viewer, 'deconflict.register', viewer.orgId, {
      registered: rows.length,
      invalid: inputs.length - rows.length,
      ids: rows.length <= 100 ? rows.map((r) => r.interest.id) : undefined,
    });
  });
  return results;
}
