import type { Distribution } from './distribution.js';

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

export const PAP_LEVELS = ['clear', 'green', 'amber', 'red'] as const;
export type PapLevel = (typeof PAP_LEVELS)[number];

/** Breadth of each distribution, narrowest first; `group:<id>` sits between organisation and community. */
function breadth(distribution: Distribution): number {
  if (distribution === 'organisation') return 0;
  if (distribution.startsWith('group:')) return 1;
  if (distribution === 'community') return 2;
  if (distribution === 'federation') return 3;
  return 4; // public
}

/** The widest distribution each TLP level allows (BRIEF.md): CLEAR any, GREEN community, AMBER/RED named recipients. */
const MAX_BREADTH: Record<TlpLevel, number> = {
  clear: 4,
  green: 3,
  amber: 1,
  'amber+strict': 1,
  red: 1,
};

export function tlpAllows(tlp: TlpLevel | null | undefined, distribution: Distribution): boolean {
  return tlp === null || tlp === undefined || breadth(distribution) <= MAX_BREADTH[tlp];
}

/** Order of TLP levels from least to most restrictive, for "maximum TLP" filters. */
export function tlpRank(tlp: TlpLevel | null | undefined): number {
  return tlp === null || tlp === undefined ? 0 : TLP_LEVELS.indexOf(tlp);
}

export function isTlpLevel(value: unknown): value is TlpLevel {
  return typeof value === 'string' && (TLP_LEVELS as readonly string[]).includes(value);
}

export function isPapLevel(value: unknown): value is PapLevel {
  return typeof value === 'string' && (PAP_LEVELS as readonly string[]).includes(value);
}

export { breadth as distributionBreadth };
