import type { TargetStatus } from './types.js';

/** The target life cycle, as the server enforces it (src/operations/target-status.ts). */
const NEXT: Readonly<Record<TargetStatus, readonly TargetStatus[]>> = {
  identified: ['reported'],
  reported: ['action-requested'],
  'action-requested': ['actioned', 'not-actioned'],
  actioned: ['outcome-confirmed'],
  'not-actioned': ['outcome-confirmed'],
  'outcome-confirmed': [],
};

export const ACTIONS = ['taken-down', 'seized', 'sinkholed', 'arrested', 'notified', 'other'] as const;
export const OUTCOMES = ['offline', 'still-live', 're-emerged'] as const;

/** The statuses every one of `from` may move to: a bulk change offers only moves none would refuse. */
export function commonMoves(from: readonly TargetStatus[]): TargetStatus[] {
  const distinct = [...new Set(from)];
  if (distinct.length === 0) return [];
  return NEXT[distinct[0]!].filter((to) => distinct.every((s) => NEXT[s].includes(to)));
}

/** What a move needs besides the status: a choice from a list, a free-text reason, or nothing. */
export function detailFor(to: TargetStatus): { label: string; choices: readonly string[] | null } | null {
  switch (to) {
    case 'actioned':
      return { label: 'Action taken', choices: ACTIONS };
    case 'not-actioned':
      return { label: 'Reason', choices: null };
    case 'outcome-confirmed':
      return { label: 'Outcome', choices: OUTCOMES };
    default:
      return null;
  }
}
