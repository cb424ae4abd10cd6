import { TLP_MARKINGS, tlpLevelFromMarkingRef } from '../../stix/index.js';
import type { TlpLevel } from '../../stix/index.js';
import { isRecord, list, text } from './misp-values.js';
import { PAP_MARKINGS, papLevelOf } from './pap.js';

export interface TagReading {
  /** TLP and PAP marking-definition ids, in tag order, without repeats. */
  markingRefs: string[];
  /** Every other tag name, as given. */
  labels: string[];
}

function tlpLevelOf(word: string): TlpLevel | undefined {
  const w = word.trim().toLowerCase();
  if (w === 'white' || w === 'clear') return 'clear';
  return w === 'green' || w === 'amber' || w === 'amber+strict' || w === 'red' ? w : undefined;
}

/** The marking id a MISP tag stands for (`tlp:amber`, `PAP:RED`), else undefined. */
export function markingOfTag(name: string): string | undefined {
  const colon = name.indexOf(':');
  if (colon < 0) return undefined;
  const namespace = name.slice(0, colon).trim().toLowerCase();
  const value = name.slice(colon + 1).replace(/^"|"$/g, '');
  if (namespace === 'tlp') {
    const level = tlpLevelOf(value);
    return level === undefined ? undefined : TLP_MARKINGS[level].id;
  }
  if (namespace === 'pap') {
    const level = papLevelOf(value);
    return level === undefined ? undefined : PAP_MARKINGS[level].id;
  }
  return undefined;
}

/** The tag name for a TLP or PAP marking id (TLP 1.0 ids read as their 2.0 level). */
export function tagOfMarking(ref: string): string | undefined {
  const tlp = tlpLevelFromMarkingRef(ref);
  if (tlp !== undefined) return `tlp:${tlp}`;
  for (const [level, marking] of Object.entries(PAP_MARKINGS)) {
    if (marking.id === ref) return `PAP:${level.toUpperCase()}`;
  }
  return undefined;
}

/** Reads a MISP `Tag` list; entries without a name carry nothing and are passed over. */
export function readTags(tags: unknown, skip: (name: string) => boolean = () => false): TagReading {
  const markingRefs: string[] = [];
  const labels: string[] = [];
  for (const tag of list(tags)) {
    const name = isRecord(tag) ? text(tag.name) : typeof tag === 'string' ? tag : undefined;
    if (name === undefined || name.trim() === '') continue;
    const marking = markingOfTag(name);
    if (marking !== undefined) {
      if (!markingRefs.includes(marking)) markingRefs.push(marking);
    } else if (!skip(name) && !labels.includes(name)) {
      labels.push(name);
    }
  }
  return { markingRefs, labels };
}
