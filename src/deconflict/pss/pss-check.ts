import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractIndicators } from '../../ingest/text/extract-indicators.js';
import { detectObservable } from '../../observable/index.js';
import type { Observable } from '../../observable/index.js';
import { DcsoBloom } from './dcso-bloom.js';
import { PSS_CANONICALISATION, PSS_FILES, pssHash } from './pss-set.js';
import type { PssMetadata } from './pss-set.js';

/** A set on the recipient's disk, ready to check against. */
export interface LoadedPssSet {
  metadata: PssMetadata;
  key: Buffer;
  /** The hash file when present: exact answers. */
  hashes?: ReadonlySet<string>;
  /** The bloom filter when there is no hash file: answers with its false-positive rate. */
  bloom?: DcsoBloom;
}

export interface PssCheckHit {
  line: number;
  kind: string;
  value: string;
  /** `exact` from the hash file, `probable` from the bloom filter alone. */
  certainty: 'exact' | 'probable';
}

async function optional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The hash file's lines: each a 64-digit hex HMAC-SHA-256, else an error naming the line. */
function hashLines(path: string, text: Buffer): Set<string> {
  const out = new Set<string>();
  text
    .toString('utf8')
    .split('\n')
    .forEach((line, i) => {
      const h = line.trim().toLowerCase();
      if (h === '') return;
      if (!/^[0-9a-f]{64}$/.test(h))
        throw new Error(`${path}:${String(i + 1)}: not a hex HMAC-SHA-256 (64 hexadecimal digits)`);
      out.add(h);
    });
  return out;
}

/**
 * Reads a set directory (private-search-set.json, .pss and/or .bloom) and its key: `keyHex`, else
 * the directory's private-search-set.key. Errors name the file and what is wrong.
 */
export async function readPssSet(dir: string, keyHex?: string): Promise<LoadedPssSet> {
  const metaPath = join(dir, PSS_FILES.metadata);
  const metaText = await optional(metaPath);
  if (metaText === undefined) throw new Error(`${metaPath}: not found (is ${dir} a private search set?)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(metaText.toString('utf8'));
  } catch (error) {
    throw new Error(`${metaPath}: not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${metaPath}: not a JSON object of the private-search-set meta format`);
  const raw = parsed as Record<string, unknown>;
  if (raw.algorithm !== 'HMAC-SHA-256')
    throw new Error(`${metaPath}: algorithm ${String(raw.algorithm)} is not supported (HMAC-SHA-256 only)`);
  if (raw['canonicalization-format'] !== PSS_CANONICALISATION)
    throw new Error(`${metaPath}: canonicalization-format must be ${PSS_CANONICALISATION}`);
  const metadata = raw as unknown as PssMetadata;
  const keyText = keyHex ?? (await optional(join(dir, PSS_FILES.key)))?.toString('utf8');
  if (keyText === undefined) throw new Error(`no key: give --key or put it in ${join(dir, PSS_FILES.key)}`);
  if (!/^[0-9a-f]{64}$/i.test(keyText.trim())) throw new Error('the key must be 64 hexadecimal digits');
  const hashText = await optional(join(dir, PSS_FILES.hashes));
  const bloomBytes = await optional(join(dir, PSS_FILES.bloom));
  if (hashText === undefined && bloomBytes === undefined)
    throw new Error(`${dir}: neither ${PSS_FILES.hashes} nor ${PSS_FILES.bloom}`);
  const set: LoadedPssSet = { metadata, key: Buffer.from(keyText.trim(), 'hex') };
  if (hashText !== undefined) set.hashes = hashLines(join(dir, PSS_FILES.hashes), hashText);
  else if (bloomBytes !== undefined) {
    try {
      set.bloom = DcsoBloom.read(bloomBytes);
    } catch (error) {
      throw new Error(`${join(dir, PSS_FILES.bloom)}: ${(error as Error).message}`);
    }
  }
  return set;
}

/** The observables, and after each URL its host as a domain or address (a set may list either). */
function withHosts(observables: readonly Observable[]): Observable[] {
  const out: Observable[] = [];
  const seen = new Set(observables.map((o) => `${o.kind} ${o.value}`));
  for (const o of observables) {
    out.push(o);
    if (o.kind !== 'url') continue;
    let host: string;
    try {
      host = new URL(o.value).hostname.replace(/^\[|\]$/g, '');
    } catch {
      continue;
    }
    const found = detectObservable(host);
    if (found !== null && !seen.has(`${found.kind} ${found.value}`)) {
      seen.add(`${found.kind} ${found.value}`);
      out.push(found);
    }
  }
  return out;
}

/**
 * The values in `text` that are in the set: observables are extracted and normalised as free-text
 * import does (refanged), hashed under the set's key and looked up locally. Nothing is sent anywhere.
 */
export function checkAgainstSet(set: LoadedPssSet, text: string): PssCheckHit[] {
  const hits: PssCheckHit[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    for (const o of withHosts(extractIndicators(line).observables)) {
      const h = pssHash(set.key, o.value);
      const exact = set.hashes?.has(h) === true;
      if (exact || (set.hashes === undefined && set.bloom?.has(h) === true))
        hits.push({ line: i + 1, kind: o.kind, value: o.value, certainty: exact ? 'exact' : 'probable' });
    }
  });
  return hits;
}
