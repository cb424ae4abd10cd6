import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { forbidden } from '../errors.js';
import { importStix } from '../ingest/import-service.js';
import { sightingAudience } from '../matching/sighting-audience.js';
import type { Distribution } from '../policy/distribution.js';
import type { TlpLevel } from '../policy/tlp.js';
import { canWriteObjects } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import type { StixObject } from '../stix/types.js';
import { sightingTargets } from './sighting-targets.js';
import type { SightingTarget } from './sighting-targets.js';

export interface SightingInput {
  indicator_id?: string | undefined;
  value?: string | undefined;
  count?: number | undefined;
  first_seen?: string | undefined;
  last_seen?: string | undefined;
  false_positive?: boolean | undefined;
  note?: string | undefined;
  /** The widest audience the caller allows; Accord still picks the narrowest that reaches the owner. */
  distribution?: Distribution | undefined;
  tlp?: TlpLevel | undefined;
}

export interface PostedSighting {
  sighting_of_ref: string;
  status: 'created' | 'refused';
  id?: string;
  distribution?: string;
  code?: string;
  message?: string;
}

const WIDE = new Set(['community', 'federation', 'public']);

/** Whether the chosen audience stays inside the caller's ceiling. */
function within(audience: Distribution, ceiling: Distribution | undefined): boolean {
  if (ceiling === undefined || audience === 'organisation') return true;
  return audience === ceiling || WIDE.has(ceiling);
}

function sightingObject(
  viewer: UserViewer,
  target: SightingTarget,
  input: SightingInput,
  now: string,
): StixObject {
  const first = input.first_seen ?? input.last_seen ?? now;
  return {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${randomUUID()}`,
    created: now,
    modified: now,
    created_by_ref: viewer.orgId,
    sighting_of_ref: target.id,
    count: input.count ?? 1,
    first_seen: first,
    last_seen: input.last_seen ?? (Date.parse(first) > Date.parse(now) ? first : now),
    where_sighted_refs: [viewer.orgId],
    ...(input.note === undefined ? {} : { description: input.note }),
    // The MISP importer's representation of a false positive (src/ingest/misp/sightings.ts).
    ...(input.false_positive === true ? { x_accord_false_positive: true } : {}),
  };
}

/**
 * `POST /api/v1/sightings`: one STIX sighting per sighted object, owned by the caller's organisation
 * and written through `importStix` (the same write rules and audit as any import). Each goes to the
 * narrowest audience holding both the caller and the object's owner that the object itself reaches
 * (`sightingAudience`, shared with `accord match --report-sightings`), and never wider than the
 * caller's `distribution`; when no such audience exists the sighting is refused, not widened.
 */
export async function reportSighting(
  store: Store,
  viewer: UserViewer,
  input: SightingInput,
  now = new Date().toISOString(),
): Promise<PostedSighting[]> {
  if (!canWriteObjects(viewer)) throw forbidden('your role or API key is read-only', 'read_only');
  const targets = await sightingTargets(
    store.db,
    viewer,
    input.indicator_id !== undefined ? { id: input.indicator_id } : { value: input.value ?? '' },
  );
  const results: PostedSighting[] = [];
  for (const target of targets) {
    const audience = await sightingAudience(store.db, viewer, target);
    if (!audience.ok) {
      results.push({
        sighting_of_ref: target.id,
        status: 'refused',
        code: 'no_shared_audience',
        message: audience.reason,
      });
      continue;
    }
    if (!within(audience.distribution, input.distribution)) {
      results.push({
        sighting_of_ref: target.id,
        status: 'refused',
        code: 'distribution_excludes_owner',
        message: `the owner of ${target.id} is reached only by "${audience.distribution}", wider than your "${input.distribution ?? ''}"`,
      });
      continue;
    }
    results.push(
      await write(
        store,
        viewer,
        sightingObject(viewer, target, input, now),
        audience.distribution,
        input.tlp,
      ),
    );
  }
  return results;
}

async function write(
  store: Store,
  viewer: UserViewer,
  sighting: StixObject,
  distribution: Distribution,
  tlp: TlpLevel | undefined,
): Promise<PostedSighting> {
  let refusal: { code: string; message: string } | undefined;
  const summary = await importStix(
    store,
    viewer,
    Readable.from([JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [sighting] })]),
    {
      source: 'sightings',
      distribution,
      tlp: tlp ?? (distribution === 'community' || distribution === 'federation' ? 'green' : 'amber'),
      onResult: (r) => {
        if (r.status !== 'created' && r.status !== 'duplicate')
          refusal = {
            code: r.errors[0]?.code ?? r.status,
            message: r.errors.map((e) => e.message).join('; '),
          };
      },
    },
  );
  const of = sighting.sighting_of_ref as string;
  if (refusal === undefined && summary.created + summary.duplicate === 1)
    return { sighting_of_ref: of, status: 'created', id: sighting.id, distribution };
  return {
    sighting_of_ref: of,
    status: 'refused',
    ...(refusal ?? { code: 'not_written', message: 'not written' }),
  };
}
