import type { StixObject } from '../../stix/types.js';
import type { MispClusterOut, MispGalaxyOut } from './misp-format.js';
import { uuidOf } from './misp-format.js';

const DEFAULT_GALAXY: Readonly<Record<string, [mitre: string, plain: string]>> = {
  malware: ['mitre-malware', 'malware'],
  'threat-actor': ['threat-actor', 'threat-actor'],
  'intrusion-set': ['mitre-intrusion-set', 'intrusion-set'],
  tool: ['mitre-tool', 'tool'],
  'attack-pattern': ['mitre-attack-pattern', 'attack-pattern'],
};

export function isGalaxyType(type: string): boolean {
  return type in DEFAULT_GALAXY;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** A malware / threat-actor / intrusion-set / tool / attack-pattern → a MISP galaxy cluster. */
export function clusterOf(sdo: StixObject): MispClusterOut | undefined {
  const defaults = DEFAULT_GALAXY[sdo.type];
  const name = typeof sdo.name === 'string' ? sdo.name : undefined;
  if (defaults === undefined || name === undefined) return undefined;
  const refs = Array.isArray(sdo.external_references)
    ? (sdo.external_references as Array<Record<string, unknown>>)
    : [];
  const mitre = refs
    .filter((r) => r.source_name === 'mitre-attack' && typeof r.external_id === 'string')
    .map((r) => r.external_id as string);
  const urls = refs.map((r) => r.url).filter((u): u is string => typeof u === 'string');
  const type =
    typeof sdo.x_misp_galaxy_type === 'string'
      ? sdo.x_misp_galaxy_type
      : mitre.length > 0
        ? defaults[0]
        : defaults[1];
  const synonyms = strings(sdo.aliases);
  const meta = {
    ...(synonyms.length > 0 ? { synonyms } : {}),
    ...(urls.length > 0 ? { refs: urls } : {}),
    ...(mitre.length > 0 ? { external_id: mitre } : {}),
  };
  return {
    uuid: uuidOf(sdo.id),
    type,
    value: name,
    tag_name: `misp-galaxy:${type}="${name}"`,
    ...(typeof sdo.description === 'string' ? { description: sdo.description } : {}),
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
  };
}

/** Clusters grouped into one galaxy per type, in first-seen order. */
export function galaxiesOf(clusters: readonly MispClusterOut[]): MispGalaxyOut[] {
  const byType = new Map<string, MispGalaxyOut>();
  for (const c of clusters) {
    const g = byType.get(c.type) ?? { name: c.type, type: c.type, GalaxyCluster: [] };
    if (!g.GalaxyCluster.some((x) => x.uuid === c.uuid)) g.GalaxyCluster.push(c);
    byType.set(c.type, g);
  }
  return [...byType.values()];
}
