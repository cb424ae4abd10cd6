import { illegalTransition, invalidInput } from '../errors.js';

export const TARGET_STATUSES = [
  'identified',
  'reported',
  'action-requested',
  'actioned',
  'not-actioned',
  'outcome-confirmed',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const ACTIONS = ['taken-down', 'seized', 'sinkholed', 'arrested', 'notified', 'other'] as const;
export const OUTCOMES = ['offline', 'still-live', 're-emerged'] as const;

const NEXT: Readonly<Record<TargetStatus, readonly TargetStatus[]>> = {
  identified: ['reported'],
  reported: ['action-requested'],
  'action-requested': ['actioned', 'not-actioned'],
  actioned: ['outcome-confirmed'],
  'not-actioned': ['outcome-confirmed'],
  'outcome-confirmed': [],
};

export interface StatusChange {
  to: TargetStatus;
  /** actioned: one of ACTIONS; not-actioned: the reason (free text); outcome-confirmed: one of OUTCOMES. */
  detail?: string | null | undefined;
}

/**
 * The target life cycle: identified → reported (in a CAR) → action-requested → actioned(how) |
 * not-actioned(why) → outcome-confirmed(offline | still-live | re-emerged). Returns the detail to store;
 * throws `illegal_transition` (409) or `invalid_input` (400) otherwise.
 */
export function checkTransition(from: TargetStatus, change: StatusChange): string | null {
  const allowed = NEXT[from];
  if (!allowed.includes(change.to)) throw illegalTransition(from, change.to, allowed);
  const detail = change.detail?.trim() ?? '';
  switch (change.to) {
    case 'actioned':
      if (!(ACTIONS as readonly string[]).includes(detail))
        throw invalidInput('invalid_detail', `actioned needs how, one of ${ACTIONS.join(', ')}`);
      return detail;
    case 'not-actioned':
      if (detail === '' || detail.length > 1000)
        throw invalidInput('invalid_detail', 'not-actioned needs a reason (1 to 1000 characters)');
      return detail;
    case 'outcome-confirmed':
      if (!(OUTCOMES as readonly string[]).includes(detail))
        throw invalidInput(
          'invalid_detail',
          `outcome-confirmed needs the outcome, one of ${OUTCOMES.join(', ')}`,
        );
      return detail;
    default:
      return null;
  }
}

export function nextStatuses(from: TargetStatus): readonly TargetStatus[] {
  return NEXT[from];
}
