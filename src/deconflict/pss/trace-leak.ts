import { isAdmin } from '../../policy/viewer.js';
import type { Viewer } from '../../policy/viewer.js';
import { forbidden } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { DcsoBloom } from './dcso-bloom.js';

/** What was found of a set: its metadata's key id, its hash lines, or its bloom filter. */
export interface LeakedSet {
  keyid?: string;
  hashes?: readonly string[];
  bloom?: Uint8Array;
}

export interface LeakTrace {
  set: string;
  recipient_org: string;
  created: string;
  /** How the set was recognised, strongest first. */
  evidence: Array<'keyid' | 'hashes' | 'bloom'>;
  /** Recorded sample hashes found in the leaked hashes or bloom filter, out of `sample`. */
  matched: number;
  sample: number;
}

/**
 * Which recipient a leaked set was made for. The key id names the set outright; without it (a
 * stripped copy), the recorded sample hashes are looked for in the leaked hashes or bloom filter:
 * every set is hashed under its own recipient's key, so only the leaked set's sample appears.
 * Administrators only.
 */
export async function traceLeak(store: Store, viewer: Viewer, leaked: LeakedSet): Promise<LeakTrace[]> {
  if (!isAdmin(viewer)) throw forbidden('tracing a leaked set needs an administrator');
  const rows = await store.db.selectFrom('pss_exports').selectAll().execute();
  const hashes =
    leaked.hashes === undefined ? undefined : new Set(leaked.hashes.map((h) => h.trim().toLowerCase()));
  const bloom = leaked.bloom === undefined ? undefined : DcsoBloom.read(leaked.bloom);
  const keyid = leaked.keyid?.replace(/^accord:/, '');
  const out: LeakTrace[] = [];
  for (const r of rows) {
    const sample = JSON.parse(r.sample) as string[];
    const evidence: LeakTrace['evidence'] = [];
    if (keyid !== undefined && keyid === r.fingerprint) evidence.push('keyid');
    const inHashes = hashes === undefined ? 0 : sample.filter((h) => hashes.has(h)).length;
    const inBloom = bloom === undefined ? 0 : sample.filter((h) => bloom.has(h)).length;
    // Most of the sample, not one stray bloom false positive.
    const enough = (n: number) => sample.length > 0 && n >= Math.ceil(sample.length / 2);
    if (enough(inHashes)) evidence.push('hashes');
    if (enough(inBloom)) evidence.push('bloom');
    if (evidence.length > 0)
      out.push({
        set: r.id,
        recipient_org: r.recipient_org,
        created: r.created,
        evidence,
        matched: Math.max(inHashes, inBloom),
        sample: sample.length,
      });
  }
  return out.sort((a, b) => b.evidence.length - a.evidence.length || b.matched - a.matched);
}
