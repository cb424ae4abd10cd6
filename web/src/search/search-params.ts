/** The search page's state, all of it in the URL so a search can be shared or bookmarked. */
export interface SearchParams {
  q?: string;
  type?: string;
  org?: string;
  tlp?: string;
  label?: string;
  from?: string;
  to?: string;
}

const KEYS = ['q', 'type', 'org', 'tlp', 'label', 'from', 'to'] as const;
const DATE = /^\d{4}-\d\d-\d\d$/;

/** Keeps known, non-empty string parameters; dates must be YYYY-MM-DD. */
export function parseSearch(raw: Record<string, unknown>): SearchParams {
  const out: SearchParams = {};
  for (const key of KEYS) {
    const value = raw[key];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value).trim();
    if (text === '' || ((key === 'from' || key === 'to') && !DATE.test(text))) continue;
    out[key] = text.slice(0, 200);
  }
  return out;
}

/** The API query for one page of results. */
export function apiQuery(s: SearchParams): Record<string, string | undefined> {
  return {
    q: s.q,
    type: s.type,
    org: s.org,
    tlp: s.tlp,
    label: s.label,
    modified_from: s.from === undefined ? undefined : `${s.from}T00:00:00Z`,
    modified_to: s.to === undefined ? undefined : `${s.to}T23:59:59.999Z`,
  };
}
