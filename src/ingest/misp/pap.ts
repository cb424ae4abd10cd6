import { accordMarkingDefinitions, PAP_MARKING_IDS } from '../../policy/markings.js';
import type { PapLevel } from '../../policy/tlp.js';
import type { StixObject } from '../../stix/types.js';

export type { PapLevel };

/**
 * The PAP (Permissible Actions Protocol) marking definitions: `statement` markings with fixed ids.
 * They are the very objects `policy/markings.ts` defines (same ids, same content), so a MISP import,
 * the write rules and the exporters all speak of one PAP:AMBER.
 */
export const PAP_MARKINGS: Readonly<Record<PapLevel, StixObject>> = (() => {
  const byId = new Map(accordMarkingDefinitions().map((m) => [m.id, m as StixObject]));
  const pick = (level: PapLevel): StixObject => {
    const marking = byId.get(PAP_MARKING_IDS[level]);
    if (marking === undefined) throw new Error(`PAP:${level} marking definition missing`);
    return marking;
  };
  return { clear: pick('clear'), green: pick('green'), amber: pick('amber'), red: pick('red') };
})();

/** PAP:WHITE is the older name of PAP:CLEAR (PAP 1.0 → 2.0, like TLP). */
export function papLevelOf(word: string): PapLevel | undefined {
  const w = word.trim().toLowerCase();
  if (w === 'white' || w === 'clear') return 'clear';
  return w === 'green' || w === 'amber' || w === 'red' ? w : undefined;
}

export function papLevelFromMarkingRef(ref: string): PapLevel | undefined {
  for (const level of ['clear', 'green', 'amber', 'red'] as const) {
    if (PAP_MARKING_IDS[level] === ref) return level;
  }
  return undefined;
}
