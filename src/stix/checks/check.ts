import type { Issues } from '../issues.js';

/**
 * Checks one property value and reports problems into `out` at `path`. `root` is the whole object being
 * validated, for the few checks that look across it (granular-marking selectors). Checks never throw.
 */
export type Check = (value: unknown, path: string, out: Issues, root: Record<string, unknown>) => void;
