import type { TlpLevel } from '../../policy/tlp.js';

/** One contributor's credit on a target, with its grade. */
export interface CarContributor {
  orgId: string;
  orgName: string;
  rank: number;
  reported: string;
  reliability: string | null;
  credibility: string | null;
  scale: string | null;
}

/** One target of a CAR with the evidence behind it. */
export interface CarTargetData {
  id: string;
  kind: string;
  value: string;
  status: string;
  asn: number | null;
  asnHolder: string | null;
  contributors: CarContributor[];
  firstSeen: string;
  lastSeen: string;
  sightings: number;
  recommendedAction: string;
}

/** Everything a CAR is built from: the operation, the jurisdiction, the markings and the targets. */
export interface CarInput {
  operation: { id: string; code: string; name: string };
  country: string;
  creatorOrg: string;
  created: string;
  markings: { tlp: TlpLevel; pap: string | null; handling: string | null };
  targets: CarTargetData[];
}

/** What a CAR's jurisdiction groups: where the thing is hosted or located. */
export type CarSection = 'infrastructure' | 'suspects' | 'victims' | 'financial';

const SECTIONS: Readonly<Record<string, CarSection>> = {
  ipv4: 'infrastructure',
  ipv6: 'infrastructure',
  cidr: 'infrastructure',
  domain: 'infrastructure',
  url: 'infrastructure',
  email: 'suspects',
  'threat-actor': 'suspects',
  identity: 'suspects',
  handle: 'suspects',
  wallet: 'financial',
  'bank-account': 'financial',
  'victim-group': 'victims',
};

export function carSection(kind: string): CarSection {
  return SECTIONS[kind] ?? 'infrastructure';
}
