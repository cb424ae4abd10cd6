import type { StixObject } from '../../stix/types.js';
import type { EventScope, ExternalReference } from './event-build.js';
import { sdoBase } from './event-build.js';
import { uuidv5 } from '../accord-id.js';
import { at, fail, isRecord, isUuid, list, readUuid, text } from './misp-values.js';

/** MISP galaxy (cluster) types with a STIX SDO; the rest stay labels (their tag names). */
const CLUSTER_SDO: Readonly<Record<string, string>> = {
  'threat-actor': 'threat-actor',
  'mitre-intrusion-set': 'intrusion-set',
  'mitre-enterprise-attack-intrusion-set': 'intrusion-set',
  'mitre-mobile-attack-intrusion-set': 'intrusion-set',
  'mitre-pre-attack-intrusion-set': 'intrusion-set',
  'intrusion-set': 'intrusion-set',
  malware: 'malware',
  'mitre-malware': 'malware',
  'mitre-enterprise-attack-malware': 'malware',
  'mitre-mobile-attack-malware': 'malware',
  ransomware: 'malware',
  banker: 'malware',
  botnet: 'malware',
  rat: 'malware',
  stealer: 'malware',
  backdoor: 'malware',
  android: 'malware',
  tool: 'tool',
  'mitre-tool': 'tool',
  'mitre-enterprise-attack-tool': 'tool',
  'mitre-mobile-attack-tool': 'tool',
  'exploit-kit': 'tool',
  'attack-pattern': 'attack-pattern',
  'mitre-attack-pattern': 'attack-pattern',
  'mitre-enterprise-attack-attack-pattern': 'attack-pattern',
  'mitre-mobile-attack-attack-pattern': 'attack-pattern',
  'mitre-pre-attack-attack-pattern': 'attack-pattern',
};

export function sdoTypeOfCluster(clusterType: string): string | undefined {
  return CLUSTER_SDO[clusterType];
}

const MITRE_REF =
  /attack\.mitre\.org\/(?:wiki\/)?(?:software|techniques|technique|groups|group|tactics)\/((?:[STGM]|TA)\d{4}(?:\.\d{3})?)/i;
const MITRE_ID = /^(?:[STGM]|TA)\d{4}(?:\.\d{3})?$/;

/** MITRE ATT&CK ids from `meta.external_id`, else from the attack.mitre.org links, else the value. */
function mitreIds(meta: Record<string, unknown>, value: string): string[] {
  const given = list(meta.external_id).concat(typeof meta.external_id === 'string' ? [meta.external_id] : []);
  const ids = given.map(text).filter((v): v is string => v !== undefined && MITRE_ID.test(v));
  if (ids.length > 0) return [...new Set(ids)];
  for (const ref of list(meta.refs)) {
    const m = MITRE_REF.exec(text(ref) ?? '');
    if (m?.[1] !== undefined) return [m[1].toUpperCase()];
  }
  const tail = / - ((?:[STGM]|TA)\d{4}(?:\.\d{3})?)$/.exec(value);
  return tail?.[1] === undefined ? [] : [tail[1]];
}

export interface ClusterSdo {
  sdo: StixObject;
  tagName: string | undefined;
}

function metaUuid(meta: Record<string, unknown>): string | undefined {
  const v: unknown = Array.isArray(meta.uuid) ? (meta.uuid as unknown[])[0] : meta.uuid;
  return isUuid(v) ? v.toLowerCase() : undefined;
}

/**
 * One galaxy cluster as its SDO; undefined for unmapped cluster types. Its id: MITRE's own STIX id
 * when the cluster carries it (`meta.uuid`), so it meets the ATT&CK bundle's object; else
 * `<type>--<cluster uuid>`; except in old exports (2017) where `uuid` is the galaxy's and repeats
 * over its clusters (`sharedUuid`): then a name-based id under that uuid.
 */
export function clusterToSdo(
  raw: unknown,
  path: string,
  scope: EventScope,
  sharedUuid = false,
): ClusterSdo | undefined {
  if (!isRecord(raw)) fail(path, 'invalid_type', `${path} must be a JSON object (a galaxy cluster).`);
  const clusterType = text(raw.type) ?? '';
  const type = sdoTypeOfCluster(clusterType);
  if (type === undefined) return undefined;
  const uuid = readUuid(raw.uuid, at(path, 'uuid'));
  const value = text(raw.value)?.trim();
  if (value === undefined || value === '')
    fail(
      at(path, 'value'),
      'missing_value',
      `${at(path, 'value')} is missing: a galaxy cluster needs its name.`,
    );
  const meta = isRecord(raw.meta) ? raw.meta : {};
  const mitreUuid = metaUuid(meta);
  const id =
    mitreUuid !== undefined
      ? `${type}--${mitreUuid}`
      : sharedUuid
        ? `${type}--${uuidv5(value, uuid)}`
        : `${type}--${uuid}`;
  const mitre =
    clusterType.startsWith('mitre-') || text(raw.source)?.includes('mitre') === true
      ? mitreIds(meta, value)
      : [];
  const refs: ExternalReference[] = [
    ...mitre.map((id) => ({ source_name: 'mitre-attack', external_id: id })),
    ...list(meta.refs)
      .map(text)
      .filter((u): u is string => u !== undefined && /^https?:\/\//.test(u))
      .map((url) => ({ source_name: 'misp-galaxy', url })),
  ];
  const synonyms = list(meta.synonyms)
    .map(text)
    .filter((s): s is string => s !== undefined && s !== '' && s !== value);
  const description = text(raw.description);
  // "APT28 - G0007" style names keep only the name; the id is in the external reference.
  const name = mitre.length > 0 ? value.replace(/ - (?:[STGM]|TA)\d{4}(?:\.\d{3})?$/, '') : value;
  const sdo: StixObject = {
    ...sdoBase(type, id, scope, scope.created, scope.time, scope.markingRefs),
    name,
    ...(description === undefined || description === '' ? {} : { description }),
    ...(synonyms.length > 0 ? { aliases: [...new Set(synonyms)] } : {}),
    ...(type === 'malware' ? { is_family: true } : {}),
    ...(refs.length > 0 ? { external_references: refs } : {}),
    x_misp_galaxy_type: clusterType,
  };
  const tagName = text(raw.tag_name);
  return { sdo, tagName };
}

export interface ClusterEntry {
  raw: unknown;
  path: string;
  /** The cluster's uuid is its galaxy's (it repeats over the galaxy's clusters or equals the galaxy uuid). */
  sharedUuid: boolean;
}

/** Clusters of a `Galaxy` list (event or attribute level), with the path of each. */
export function clustersOf(galaxies: unknown, path: string): ClusterEntry[] {
  const out: ClusterEntry[] = [];
  list(galaxies).forEach((g, i) => {
    if (!isRecord(g)) return;
    const clusters = list(g.GalaxyCluster);
    const uuids = clusters.map((c) => (isRecord(c) ? text(c.uuid)?.toLowerCase() : undefined));
    const galaxyUuid = text(g.uuid)?.toLowerCase();
    clusters.forEach((c, j) => {
      const u = uuids[j];
      const shared = u !== undefined && (u === galaxyUuid || uuids.filter((x) => x === u).length > 1);
      out.push({ raw: c, path: at(at(at(path, i), 'GalaxyCluster'), j), sharedUuid: shared });
    });
  });
  return out;
}
