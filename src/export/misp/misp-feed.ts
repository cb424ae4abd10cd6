import { createHash } from 'node:crypto';
import type { MispAttributeOut, MispEventDocument, MispTag } from './misp-format.js';

/** One `manifest.json` entry: what a MISP instance needs to decide whether to fetch `<uuid>.json`. */
export interface MispManifestEntry {
  info: string;
  date: string;
  analysis: number;
  threat_level_id: number;
  timestamp: number;
  Orgc: { name: string; uuid: string };
  Tag: MispTag[];
}

export type MispManifest = Record<string, MispManifestEntry>;

/** `manifest.json` of a MISP feed, keyed by event uuid (numbers as PyMISP's feed generator writes them). */
export function mispFeedManifest(events: readonly MispEventDocument[]): MispManifest {
  const manifest: MispManifest = {};
  for (const { Event: e } of events) {
    manifest[e.uuid] = {
      info: e.info,
      date: e.date,
      analysis: Number(e.analysis),
      threat_level_id: Number(e.threat_level_id),
      timestamp: Number(e.timestamp),
      Orgc: { name: e.Orgc.name, uuid: e.Orgc.uuid },
      Tag: e.Tag.map((t) => ({ name: t.name })),
    };
  }
  return manifest;
}

/** Composite values (`filename|md5`, `ip-dst|port`) are hashed part by part, as MISP does. */
function hashedParts(a: MispAttributeOut): string[] {
  return a.type.includes('|') ? a.value.split('|') : [a.value];
}

/**
 * `hashes.csv` of a MISP feed: one line `<md5 of an attribute value>,<event uuid>` per value of every
 * attribute, objects' attributes included, so a MISP instance can correlate against the feed without
 * downloading it. Lines end with `\n`; the same value in two events gives two lines.
 */
export function mispFeedHashes(events: readonly MispEventDocument[]): string {
  const lines: string[] = [];
  for (const { Event: e } of events) {
    const attributes = [...e.Attribute, ...e.Object.flatMap((o) => o.Attribute)];
    for (const a of attributes) {
      for (const part of hashedParts(a))
        lines.push(`${createHash('md5').update(part, 'utf8').digest('hex')},${e.uuid}`);
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}
