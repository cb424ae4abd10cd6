import { TLP1_MARKING_IDS } from '../stix/tlp.js';
import type { StixObject } from '../stix/types.js';
import { TLP2_MARKING_IDS, tlpOfMarking, PAP_MARKING_IDS, HANDLING_MARKING_IDS } from './markings.js';
import { tlpAllows } from './tlp.js';
import type { Audience } from './visibility.js';
import type { Viewer } from './viewer.js';

/** Marking definitions everyone knows by id; references to them reveal nothing. */
const WELL_KNOWN = new Set<string>([
  ...Object.values(TLP2_MARKING_IDS),
  ...Object.values(PAP_MARKING_IDS),
  ...Object.values(HANDLING_MARKING_IDS),
  ...Object.values(TLP1_MARKING_IDS),
]);

const REF_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{36}$/;

/** Every id an object references through `*_ref` / `*_refs` properties, at any depth. */
export function referencedIds(object: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 32 || typeof object !== 'object' || object === null) return out;
  for (const [key, value] of Object.entries(object)) {
    if (key.endsWith('_ref') && typeof value === 'string') out.add(value);
    else if (key.endsWith('_refs') && Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string') out.add(v);
    } else if (typeof value === 'object' && value !== null) referencedIds(value, out, depth + 1);
  }
  return out;
}

/** True when the viewer reads the object exactly as written: admins, and its owner organisation. */
export function readsUnredacted(viewer: Viewer, audience: Audience): boolean {
  return viewer.kind === 'user' && (viewer.role === 'admin' || viewer.orgId === audience.ownerOrg);
}

/** Ids the presenter must check for visibility before showing `object` to `viewer`. */
export function idsToCheck(viewer: Viewer, audience: Audience, object: StixObject): string[] {
  if (readsUnredacted(viewer, audience)) return [];
  return [...referencedIds(object)].filter(
    (id) => !WELL_KNOWN.has(id) && id !== object.id && id !== audience.ownerOrg && REF_ID.test(id),
  );
}

function stripRefs(
  value: unknown,
  keep: (id: string) => boolean,
  path: string,
  removed: string[],
  depth: number,
): unknown {
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value))
    return value.map((v, i) => stripRefs(v, keep, `${path}[${i}]`, removed, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key.endsWith('_ref') && typeof v === 'string' && !keep(v)) {
      removed.push(here);
      continue;
    }
    if (key.endsWith('_refs') && Array.isArray(v)) {
      const kept = v.filter((id) => typeof id !== 'string' || keep(id));
      if (kept.length !== v.length) removed.push(here);
      // STIX forbids an empty list: a list emptied by redaction goes away whole.
      if (kept.length > 0 || v.length === 0) out[key] = kept;
      continue;
    }
    out[key] = stripRefs(v, keep, here, removed, depth + 1);
  }
  return out;
}

/** Removes the part of `object` a granular-marking selector names (`description`, `labels.[1]`, `a.b`). */
function removeSelected(object: Record<string, unknown>, selector: string): void {
  const parts = selector.split('.');
  let node: unknown = object;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const index = /^\[(\d+)\]$/.exec(part);
    if (index !== null && Array.isArray(node)) {
      const at = Number(index[1]);
      if (last) node[at] = null;
      else node = node[at];
    } else if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      const record = node as Record<string, unknown>;
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the selector names the property to remove
      if (last) delete record[part];
      else node = record[part];
    } else return;
  }
}

/**
 * What `viewer` receives of a visible object version: references to objects they cannot see removed
 * (never followed), and fields under a granular TLP marking narrower than the object's distribution
 * removed for everyone but the owner. Removed paths are listed in `x_accord_redacted` so that a
 * missing property is explained, not silently lost.
 */
export function redactObject(
  viewer: Viewer,
  audience: Audience,
  object: StixObject,
  isVisible: (id: string) => boolean,
): StixObject {
  if (readsUnredacted(viewer, audience)) return object;
  const removed: string[] = [];
  // The owner's own identity reveals nothing: every viewer of the version is told its owner.
  const keep = (id: string) =>
    WELL_KNOWN.has(id) || id === object.id || id === audience.ownerOrg || isVisible(id);
  const out = stripRefs(object, keep, '', removed, 0) as StixObject;
  for (const marking of object.granular_markings ?? []) {
    const level = marking.marking_ref === undefined ? undefined : tlpOfMarking(marking.marking_ref);
    if (level === undefined || tlpAllows(level, audience.distribution as never)) continue;
    for (const selector of marking.selectors) {
      removeSelected(out, selector);
      removed.push(selector);
    }
  }
  if (removed.length === 0) return object;
  return { ...out, x_accord_redacted: [...new Set(removed)] };
}
