import type { Kysely } from 'kysely';
import { idsToCheck, readsUnredacted, redactObject } from '../policy/redact.js';
import { audienceKey } from '../policy/visibility.js';
import type { Audience } from '../policy/visibility.js';
import type { Viewer } from '../policy/viewer.js';
import type { StoredVersion } from '../store/objects/read-objects.js';
import { visibleIds } from '../store/objects/visible-ids.js';
import type { Database } from '../store/schema.js';
import type { StixObject } from '../stix/types.js';
import { scanReferences } from './reference-scan.js';

export interface PresentTextsOptions {
  /**
   * The store's deletion epoch (`deletionEpoch`), read before `versions` were read. Given, a version
   * found to present as stored is remembered as such for the viewer's audience at that epoch, and
   * handed over as stored next time without looking at its references again: only a deletion can
   * take a reference away from an audience (src/store/objects/visible-id-cache.ts), and a deletion
   * moves the epoch. Read after the versions, a deletion in between could go unnoticed.
   */
  epoch?: number;
}

/**
 * What `presentTexts` needs of a stored version. `plainAt` is presentTexts' own note on the object:
 * the last "presents as stored" finding, `<epoch> <audience key>` (the last audience to ask), kept
 * for as long as the version object lives. TAXII pages hand in the same objects again from their
 * cache (src/taxii/stored-text-cache.ts); a field costs less to read than a WeakMap lookup per
 * version of every page.
 */
export type StoredText = Pick<StoredVersion, 'id' | 'ownerOrg' | 'distribution' | 'data'> & {
  plainAt?: string | undefined;
};

const audienceOf = (v: StoredText): Audience => ({ ownerOrg: v.ownerOrg, distribution: v.distribution });

/** An object holding `id` and the references `refs`, for asking the policy about references only. */
const probe = (id: string, refs: readonly string[]) =>
  ({ type: 'x-accord-probe', id, x_probe_refs: refs }) as unknown as StixObject;

/**
 * The JSON text of each version as `viewer` receives it: exactly `JSON.stringify` of the object
 * `presentVersions` gives, but the stored text itself whenever the policy removes nothing, so large
 * pages (TAXII) are neither parsed nor serialised again. The stored text is `JSON.stringify` output
 * (`prepareVersion`), which parsing and serialising gives back unchanged.
 *
 * `versions` must be versions the viewer may see (read through `visibleVersions`): their own ids then
 * count as visible without asking the store again.
 *
 * The decision is the policy's own: the references found in the texts (`scanReferences`, a superset
 * of what redaction looks at) are put to `idsToCheck` and `redactObject` in a probe object. When the
 * probe loses nothing and there are no granular markings, the object loses nothing either. Everything
 * else (a reference to a hidden object, granular markings, a text the scan cannot read) is parsed and
 * redacted exactly as `presentVersions` does.
 */
export async function presentTexts(
  db: Kysely<Database>,
  viewer: Viewer,
  versions: readonly StoredText[],
  options: PresentTextsOptions = {},
): Promise<string[]> {
  const stamp = options.epoch === undefined ? undefined : interned(`${options.epoch} ${audienceKey(viewer)}`);
  const refsOf = versions.map((v) =>
    stamp !== undefined && v.plainAt === stamp ? null : referencesToCheck(viewer, v),
  );
  // Every version read as written, or already found to present as stored at this epoch (a warm
  // TAXII page): nothing to ask of the policy or the store.
  if (refsOf.every((refs) => refs === null)) return versions.map((v) => v.data);
  const inPage = new Set(versions.map((v) => v.id));
  const visible = new Set<string>();
  const isVisible = (id: string) => inPage.has(id) || visible.has(id);
  const resolve = async (ids: Iterable<string>) => {
    const unknown = new Set<string>();
    for (const id of ids) if (!inPage.has(id) && !visible.has(id)) unknown.add(id);
    if (unknown.size > 0)
      for (const id of await visibleIds(db, viewer, unknown, options.epoch)) visible.add(id);
  };

  // One probe for the whole page first: the common case (nothing hidden) costs one policy call.
  const scanned: number[] = [];
  for (const [i, refs] of refsOf.entries()) if (refs !== null && refs !== undefined) scanned.push(i);
  const first = scanned[0];
  let fast = false;
  if (first !== undefined) {
    const refs = new Set<string>();
    for (const i of scanned) for (const id of refsOf[i]!) if (!inPage.has(id)) refs.add(id);
    const all = probe('', [...refs]);
    const audience = audienceOf(versions[first]!);
    await resolve(idsToCheck(viewer, audience, all));
    fast = redactObject(viewer, audience, all, isVisible) === all;
  }

  const slow = new Map<number, StixObject>();
  for (const [i, refs] of refsOf.entries()) {
    if (refs === null) continue;
    const v = versions[i]!;
    if (refs !== undefined) {
      const own = fast ? undefined : probe(v.id, refs);
      if (own === undefined || redactObject(viewer, audienceOf(v), own, isVisible) === own) {
        if (stamp !== undefined) v.plainAt = stamp;
        continue;
      }
    }
    slow.set(i, JSON.parse(v.data) as StixObject);
  }
  if (slow.size === 0) return versions.map((v) => v.data);

  await resolve([...slow].flatMap(([i, object]) => idsToCheck(viewer, audienceOf(versions[i]!), object)));
  return versions.map((v, i) => {
    const object = slow.get(i);
    return object === undefined
      ? v.data
      : JSON.stringify(redactObject(viewer, audienceOf(v), object, isVisible));
  });
}

/**
 * null: the viewer reads the version as written. An array: every reference in its text. undefined:
 * the text must be parsed (granular markings, or a text the scan cannot read).
 */
function referencesToCheck(viewer: Viewer, v: StoredText): string[] | null | undefined {
  if (readsUnredacted(viewer, audienceOf(v))) return null;
  if (scanned.has(v)) return scanned.get(v);
  const refs = scanReferences(v.data);
  const found =
    refs === undefined || v.data.includes('granular_markings"')
      ? undefined
      : [...new Set(refs)].map(flatCopy);
  scanned.set(v, found);
  return found;
}

/**
 * A copy of `id` that is not a view into the text it was cut from: V8 keeps a slice of a long string
 * as a view, and comparing views in a Set costs about four times as much as comparing flat strings
 * (measured: 140 against 35 µs for the 1,200 references of a 500-object page). The scan only returns
 * ids with no `\\` and no `"`, so quoting one gives a JSON string literal of the same id; should it
 * not parse (a raw control character), the id itself is kept: flatness only changes the speed.
 */
function flatCopy(id: string): string {
  try {
    return JSON.parse(`"${id}"`) as string;
  } catch {
    return id;
  }
}

/**
 * What the scan found in a version's text, kept for as long as the version object lives: TAXII
 * pages hand in the same objects again from their cache (src/taxii/stored-text-cache.ts), and a
 * stored text never changes, so it is scanned once. Keyed by object, so nothing outlives its version.
 */
const scanned = new WeakMap<StoredText, string[] | undefined>();

/**
 * One string object per stamp, so that comparing a version's stamp with the page's is a pointer
 * comparison instead of one of their characters (500 of them per warm TAXII page). Bounded: the
 * stamps of old epochs go once it is full.
 */
const stamps = new Map<string, string>();
function interned(stamp: string): string {
  const known = stamps.get(stamp);
  if (known !== undefined) return known;
  if (stamps.size >= 1024) stamps.clear();
  stamps.set(stamp, stamp);
  return stamp;
}
