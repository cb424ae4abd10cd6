export const WARNINGLIST_TYPES = ['cidr', 'hostname', 'string', 'substring', 'regex'] as const;
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

/**
 * A list of values that are known-benign or not actionable (private networks, public resolvers,
 * example domains): an observable on one is most likely a false positive. Same model as MISP's.
 */
export interface Warninglist {
  name: string;
  description: string;
  type: WarninglistType;
  values: readonly string[];
  /** MISP attribute types the list applies to (`ip-dst`, `domain`, ...); absent means by list type. */
  matching_attributes?: readonly string[];
  version?: number;
}

/** One reason an observable is on a warninglist. */
export interface WarninglistHit {
  list: string;
  reason: string;
}
