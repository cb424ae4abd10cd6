import type { TlpLevel } from '../policy/tlp.js';
import type { OperationsTable } from '../store/schema.js';

export const PARTICIPANT_ROLES = [
  'lead',
  'participating-agency',
  'contributing-partner',
  'observer',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const PHASES = ['planning', 'pre-operational', 'action', 'debrief', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export interface Participant {
  orgId: string;
  role: ParticipantRole;
  added: string;
}

export interface PhaseDates {
  phase: Phase;
  starts: string | null;
  ends: string | null;
}

/** An operation as services return it; only participants and administrators ever receive one. */
export interface Operation {
  id: string;
  code: string;
  name: string;
  description: string | null;
  leadOrg: string;
  /** The sharing group whose members are exactly the participants. */
  groupId: string;
  markings: { tlp: TlpLevel; pap: string | null; handling: string | null };
  created: string;
  createdBy: string;
}

export interface OperationDetail extends Operation {
  participants: Participant[];
  phases: PhaseDates[];
  /** The phase whose dates contain now, else the latest started one, else `planning`. */
  currentPhase: Phase;
}

export function toOperation(row: OperationsTable): Operation {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    leadOrg: row.lead_org,
    groupId: row.group_id,
    markings: { tlp: row.tlp as TlpLevel, pap: row.pap, handling: row.handling },
    created: row.created,
    createdBy: row.created_by,
  };
}

export function currentPhase(phases: readonly PhaseDates[], now: string): Phase {
  let current: Phase = 'planning';
  for (const phase of PHASES) {
    const p = phases.find((x) => x.phase === phase);
    if (p?.starts != null && p.starts <= now) current = phase;
  }
  return current;
}
