import type { PathStep } from './ast.js';
import { base64ToBytes, hexToBytes } from './binary.js';
import type { Sco } from './observation.js';

const MAX_FANOUT = 100_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Property-name suffixes carry the type in STIX: `_hex` and `_bin` hold binary data. */
function typed(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (key.endsWith('_hex')) return hexToBytes(value) ?? value;
  if (key.endsWith('_bin')) return base64ToBytes(value) ?? value;
  return value;
}

/**
 * All values a path reaches from one root SCO. `[*]` fans out over list elements (and, as an
 * extension, dictionary values: `file:hashes[*]`); `*_ref`/`*_refs` are followed into the
 * referenced SCOs of the same observation; steps that cannot be taken drop that branch.
 */
export function resolvePath(root: Sco, steps: readonly PathStep[], objects: Record<string, Sco>): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (step.kind === 'key') {
        if (!isRecord(v) || !Object.hasOwn(v, step.key)) continue;
        const raw = v[step.key];
        if (step.key.endsWith('_ref')) {
          const target = typeof raw === 'string' ? objects[raw] : undefined;
          if (target) next.push(target);
        } else if (step.key.endsWith('_refs')) {
          if (Array.isArray(raw)) {
            const targets = raw.map((r) => (typeof r === 'string' ? objects[r] : undefined)).filter((t) => t);
            if (targets.length > 0) next.push(targets);
          }
        } else {
          next.push(typed(step.key, raw));
        }
      } else if (step.kind === 'index') {
        if (Array.isArray(v) && step.index >= 0 && step.index < v.length) next.push(v[step.index]);
      } else if (Array.isArray(v)) {
        next.push(...(v as unknown[]));
      } else if (isRecord(v)) {
        next.push(...Object.values(v));
      }
    }
    if (next.length === 0) return next;
    // Reference cycles under repeated `[*]` grow geometrically; stop at a generous bound.
    if (next.length > MAX_FANOUT) next.length = MAX_FANOUT;
    current = next;
  }
  return current;
}
