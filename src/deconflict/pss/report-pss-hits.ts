import type { PssCheckHit } from './pss-check.js';

export interface ReportTarget {
  /** The issuing instance's base URL (https://...), from `--url` or the set's `x-accord-issuer`. */
  url: string;
  apiKey: string;
  /** What the sightings say they came from (the set's key id). */
  note: string;
  fetch?: typeof fetch;
}

export interface ReportedHit {
  value: string;
  kind: string;
  count: number;
  status: 'reported' | 'refused' | 'failed';
  /** Sightings the issuer recorded for this value. */
  sightings: number;
  message?: string;
}

/** The hits grouped per value: one sighting report a value, counting its lines. */
function perValue(hits: readonly PssCheckHit[]): Map<string, { kind: string; count: number }> {
  const out = new Map<string, { kind: string; count: number }>();
  for (const h of hits) {
    const prev = out.get(h.value);
    out.set(h.value, { kind: h.kind, count: (prev?.count ?? 0) + 1 });
  }
  return out;
}

/** The issuer's error message, or the HTTP status when it sent none. */
async function messageOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown };
    if (typeof body.message === 'string') return `HTTP ${String(res.status)}: ${body.message}`;
  } catch {
    // not JSON
  }
  return `HTTP ${String(res.status)}`;
}

/**
 * Reports the hits of a set check back to the instance that issued the set, as sightings
 * (`POST /api/v1/sightings` with the value): this sends each matched value, in clear, to the
 * issuer, and only when the caller asks for it. One request per distinct value; a value the
 * issuer refuses (no indicator of it visible to the key, a bloom false positive) is reported as
 * refused, not retried. Nothing else of the checked logs is sent.
 */
export async function reportPssHits(
  hits: readonly PssCheckHit[],
  target: ReportTarget,
): Promise<ReportedHit[]> {
  let base: URL;
  try {
    base = new URL('/api/v1/sightings', target.url);
  } catch {
    throw new Error(`${target.url}: not a URL of an Accord instance`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new Error(`${target.url}: use an http(s) URL`);
  const send = target.fetch ?? fetch;
  const out: ReportedHit[] = [];
  for (const [value, { kind, count }] of perValue(hits)) {
    const row: ReportedHit = { value, kind, count, status: 'failed', sightings: 0 };
    try {
      const res = await send(base, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ value, count, note: target.note }),
      });
      if (res.status === 201) {
        const body = (await res.json()) as { sightings: Array<{ status: string }> };
        row.sightings = body.sightings.filter((s) => s.status === 'created').length;
        row.status = 'reported';
      } else {
        row.status = res.status === 401 || res.status === 403 || res.status >= 500 ? 'failed' : 'refused';
        row.message = await messageOf(res);
      }
    } catch (error) {
      row.message = `cannot reach ${base.origin}: ${(error as Error).message}`;
    }
    out.push(row);
    // A key the issuer rejects is rejected for every value: stop rather than send the rest.
    if (row.message?.startsWith('HTTP 401') === true || row.message?.startsWith('HTTP 403') === true) break;
  }
  return out;
}
