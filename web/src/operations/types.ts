/** The operations API's shapes, as the OpenAPI document at /api/docs describes them. */

export const PARTICIPANT_ROLES = [
  'lead',
  'participating-agency',
  'contributing-partner',
  'observer',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const PHASES = ['planning', 'pre-operational', 'action', 'debrief', 'closed'] as const;
export type Phase = (typeof PHASES)[number];
export const TARGET_STATUSES = [
  'identified',
  'reported',
  'action-requested',
  'actioned',
  'not-actioned',
  'outcome-confirmed',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_KINDS = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'threat-actor',
  'identity',
  'handle',
  'wallet',
  'bank-account',
  'victim-group',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface Markings {
  tlp: string;
  pap: string | null;
  handling: string | null;
}

export interface OperationSummary {
  id: string;
  code: string;
  name: string;
  description: string | null;
  leadOrg: string;
  groupId: string;
  markings: Markings;
  created: string;
  createdBy: string;
  role: ParticipantRole | 'admin';
  targetCount: number;
}

export interface PhaseDates {
  phase: Phase;
  starts: string | null;
  ends: string | null;
}

export interface OperationDetail extends Omit<OperationSummary, 'targetCount' | 'role'> {
  participants: { orgId: string; role: ParticipantRole; added: string }[];
  phases: PhaseDates[];
  currentPhase: Phase;
  role?: ParticipantRole | 'admin';
}

export interface Contribution {
  orgId: string;
  rank: number;
  reported: string;
  reliability: string | null;
  credibility: string | null;
}

export interface Target {
  id: string;
  operationId: string;
  kind: TargetKind;
  value: string;
  status: TargetStatus;
  statusDetail: string | null;
  jurisdiction: {
    country: string | null;
    asn: number | null;
    asnHolder: string | null;
    source: string | null;
    overrideReason: string | null;
  };
  stixRefs: string[];
  contributors: Contribution[];
  created: string;
  statusChanged: string;
}

export interface TargetPage {
  total: number;
  targets: Target[];
  next: string | null;
}

export interface OtherOperation {
  id: string;
  code: string;
  name: string;
  targetId: string;
  status: string;
}

export interface TargetDetail extends Target {
  history: {
    at: string;
    actor: string;
    actorOrg: string | null;
    from: string | null;
    to: string;
    detail: string | null;
    note: string | null;
    evidence: string[];
  }[];
  otherOperations: OtherOperation[];
}

export interface Interest {
  operations: OtherOperation[];
  deconfliction: { status: 'hit' | 'no-hit' | 'not-checked'; contacts: string[] };
}

export interface AddTargetsResult {
  created: number;
  merged: number;
  targets: { id: string; kind: TargetKind; value: string; status: 'created' | 'merged' }[];
}

export interface Contributors {
  contributors: { orgId: string; targets: number; first: number; byKind: Record<string, number> }[];
}

export interface Kpis {
  operationId: string;
  targets: number;
  byStatus: Record<string, number>;
  byJurisdiction: { country: string | null; targets: number; reported: number; takenDown: number }[];
  reported: number;
  takenDown: number;
  takedownRate: number | null;
  actions: Record<string, number>;
  medianHoursReportToAction: number | null;
  cars: { generated: number; issued: number; acknowledged: number };
  outcomes: Record<string, number>;
}

export interface CarRecipient {
  orgId: string;
  issued: string;
  issuedBy: string;
  handling: string | null;
  releaseAuthority: string;
  acknowledged: string | null;
}

export interface Car {
  id: string;
  operationId: string;
  country: string;
  reportId: string;
  tlp: string;
  targetCount: number;
  created: string;
  createdBy: string;
  recipients: CarRecipient[];
  links: { html: string; pdf: string | null; bundle: string };
}

export interface ContributionOutcome {
  operationId: string | null;
  code: string | null;
  name: string | null;
  totals: { contributed: number; reported: number; actioned: number; takenDown: number };
  byKind: Record<string, { contributed: number; reported: number; actioned: number; takenDown: number }>;
  summary: string;
}
