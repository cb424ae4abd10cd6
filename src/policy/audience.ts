import type { StixObject } from '../stix/types.js';
import { isDistribution } from './distribution.js';
import { HANDLING_MARKING_IDS, tlpOfMarking } from './markings.js';
import { tlpAllows } from './tlp.js';
import { canSee } from './visibility.js';
import type { Audience } from './visibility.js';
import { ANONYMOUS } from './viewer.js';
import type { UserViewer, Viewer } from './viewer.js';

/** Why an organisation is in an object version's audience. `group:<name>` names the sharing group. */
export type AudienceReason = 'owner' | 'community' | 'public' | 'admin-role' | `group:${string}`;

/** An organisation as the explanation needs it: its real sharing groups and whether it has admins. */
export interface AudienceOrg {
  id: string;
  name: string;
  groups: readonly string[];
  /** True when an enabled administrator belongs to it: administrators see every version. */
  hasAdmin: boolean;
}

/** The object version being explained, with its parsed STIX when known (for handling codes). */
export interface ExplainedVersion extends Audience {
  id: string;
  tlp: string | null;
  pap: string | null;
  object?: StixObject | undefined;
}

export interface AudienceReport {
  id: string;
  ownerOrg: string;
  distribution: string;
  tlp: string | null;
  pap: string | null;
  organisations: Array<{ id: string; name: string; reasons: AudienceReason[] }>;
  public: boolean;
  constraints: string[];
}

/** A stand-in member of `org` with no special role, so the rule is asked about the organisation itself. */
function representative(org: AudienceOrg, role: 'reader' | 'admin'): UserViewer {
  return {
    kind: 'user',
    userId: `representative of ${org.id}`,
    email: '',
    orgId: org.id,
    role,
    groups: org.groups,
    readOnly: true,
  };
}

/** The reasons the rule admits a non-admin member of `org`; empty when it does not. */
function reasonsFor(
  orgId: string,
  groups: readonly string[],
  version: Audience,
  groupName: (id: string) => string,
): AudienceReason[] {
  const reasons: AudienceReason[] = [];
  const d = version.distribution;
  if (version.ownerOrg === orgId) reasons.push('owner');
  if (d === 'public') reasons.push('public');
  if (d === 'community' || d === 'federation') reasons.push('community');
  if (d.startsWith('group:')) {
    const group = d.slice('group:'.length);
    if (groups.includes(group)) reasons.push(`group:${groupName(group)}`);
  }
  return reasons;
}

/**
 * Every organisation that can see `version`, and why. Membership is decided by `canSee` itself, asked
 * for one representative member per organisation (with the organisation's real groups), so this list
 * cannot disagree with the rule; the reasons are derived separately and checked against it.
 */
export function explainAudience(
  version: ExplainedVersion,
  orgs: readonly AudienceOrg[],
  groupName: (id: string) => string,
): AudienceReport {
  const organisations: AudienceReport['organisations'] = [];
  for (const org of orgs) {
    const member = canSee(representative(org, 'reader'), version);
    const reasons = reasonsFor(org.id, org.groups, version, groupName);
    if (member !== reasons.length > 0)
      throw new Error(`audience reasons for ${org.id} disagree with the visibility rule`);
    if (!member && org.hasAdmin && canSee(representative(org, 'admin'), version)) reasons.push('admin-role');
    if (reasons.length > 0) organisations.push({ id: org.id, name: org.name, reasons });
  }
  return {
    id: version.id,
    ownerOrg: version.ownerOrg,
    distribution: version.distribution,
    tlp: version.tlp,
    pap: version.pap,
    organisations,
    public: canSee(ANONYMOUS, version),
    constraints: constraintsOf(version, groupName),
  };
}

export interface ViewerVerdict {
  canSee: boolean;
  reasons: AudienceReason[];
  /** One sentence: why they can, or why they cannot. */
  explanation: string;
}

/** Whether one person sees `version` and why (or why not), for `accord policy explain --as`. */
export function explainForViewer(
  viewer: Viewer,
  version: ExplainedVersion,
  names: { org: (id: string) => string; group: (id: string) => string },
): ViewerVerdict {
  const sees = canSee(viewer, version);
  if (viewer.kind === 'anonymous') {
    return sees
      ? { canSee: true, reasons: ['public'], explanation: 'the distribution is public' }
      : { canSee: false, reasons: [], explanation: 'without an account only public objects are visible' };
  }
  const reasons = reasonsFor(viewer.orgId, viewer.groups, version, names.group);
  if (viewer.role === 'admin') reasons.push('admin-role');
  if (sees !== reasons.length > 0) throw new Error('viewer reasons disagree with the visibility rule');
  if (sees) return { canSee: true, reasons, explanation: reasons.map(describeReason).join('; ') };
  const d = version.distribution;
  const group = d.startsWith('group:') ? d.slice('group:'.length) : undefined;
  const explanation =
    group === undefined
      ? `distribution ${d} reaches only the owner organisation (${names.org(version.ownerOrg)}); ${names.org(viewer.orgId)} is not it`
      : `distribution ${d} reaches only the members of sharing group "${names.group(group)}"; ${names.org(viewer.orgId)} is not a member`;
  return { canSee: false, reasons: [], explanation };
}

export function describeReason(reason: string): string {
  if (reason === 'owner') return 'their organisation owns it';
  if (reason === 'community') return 'community distribution reaches every organisation';
  if (reason === 'public') return 'public distribution reaches everyone';
  if (reason === 'admin-role') return 'administrators see everything';
  return `their organisation is a member of sharing group "${reason.slice('group:'.length)}"`;
}

const TLP_LINES: Record<string, string> = {
  clear: 'TLP:CLEAR allows any distribution, the public included',
  green: 'TLP:GREEN limits this to the community at most; it is never public',
  amber: 'TLP:AMBER limits this to a sharing group or the owner',
  'amber+strict':
    'TLP:AMBER+STRICT limits this to a sharing group or the owner, and recipients keep it inside their own organisation',
  red: 'TLP:RED limits this to a sharing group or the owner',
};

const PAP_LINES: Record<string, string> = {
  clear: 'PAP:CLEAR puts no limit on what recipients do with it',
  green: 'PAP:GREEN allows active action, automated blocking included',
  amber: 'PAP:AMBER allows passive use only: nothing that could alert the adversary',
  red: 'PAP:RED keeps it out of automated blocking exports',
};

const HANDLING_BY_ID = new Map(Object.entries(HANDLING_MARKING_IDS).map(([code, id]) => [id, code]));

/** The markings that limit where this version may go and what recipients may do, as sentences. */
export function constraintsOf(version: ExplainedVersion, groupName: (id: string) => string): string[] {
  const lines: string[] = [];
  const d = version.distribution;
  if (d === 'organisation') lines.push('distribution organisation: only the owner organisation sees it');
  else if (d.startsWith('group:'))
    lines.push(
      `distribution group: only the members of sharing group "${groupName(d.slice('group:'.length))}" see it`,
    );
  else if (d === 'community' || d === 'federation')
    lines.push('distribution community: every organisation on this instance sees it');
  else lines.push('distribution public: anyone sees it, without an account too');
  if (version.tlp === null) lines.push('no TLP marking: the distribution alone decides who sees it');
  else {
    lines.push(TLP_LINES[version.tlp] ?? `TLP:${version.tlp.toUpperCase()}`);
    if (version.tlp === 'red') lines.push('TLP:RED never appears in bulk exports or feeds');
  }
  if (version.pap !== null) lines.push(PAP_LINES[version.pap] ?? `PAP:${version.pap.toUpperCase()}`);
  const object = version.object;
  for (const ref of object?.object_marking_refs ?? []) {
    const code = HANDLING_BY_ID.get(ref);
    if (code !== undefined)
      lines.push(`handling code ${code}: law-enforcement use restrictions travel with it`);
  }
  for (const marking of object?.granular_markings ?? []) {
    const level = marking.marking_ref === undefined ? undefined : tlpOfMarking(marking.marking_ref);
    if (level !== undefined && isDistribution(d) && !tlpAllows(level, d))
      lines.push(
        `TLP:${level.toUpperCase()} granular marking: ${marking.selectors.join(', ')} removed for everyone but the owner and administrators`,
      );
  }
  return lines;
}
