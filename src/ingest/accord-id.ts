import { uuidv5 } from '../stix/uuid-v5.js';

/** Namespace for Accord's deterministic ids of non-SCO objects made by converters. */
export const ACCORD_NAMESPACE = '6d0f8a1e-3c2b-5b7e-9a43-0c5e2f1a7b90';

export { uuidv5 };

/**
 * A deterministic STIX id for an object a converter derives from source data, so that re-running an
 * import produces the same ids (idempotent) instead of duplicates.
 */
export function accordId(type: string, ...parts: readonly string[]): string {
  return `${type}--${uuidv5(`${type}\u0000${parts.join('\u0000')}`, ACCORD_NAMESPACE)}`;
}
