import { normaliseDomain } from '../observable/index.js';

// Apart from parse-misp-warninglist.ts, which loads zod: screening at import runs on a worker thread,
// which would otherwise load zod (about a hundred modules) for this one function.

/** A hostname list entry: `*.example.com`, `.example.com` and `example.com.` all mean example.com. */
export function hostnameValue(raw: string): string | null {
  const v = raw.trim().replace(/^\*?\./, '');
  return normaliseDomain(v);
}
