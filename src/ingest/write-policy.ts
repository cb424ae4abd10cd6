import type { Distribution } from '../policy/distribution.js';
import { distributionGroup } from '../policy/distribution.js';
import { tlpAllows } from '../policy/tlp.js';
import type { TlpLevel } from '../policy/tlp.js';
import { canWriteForOtherOrgs } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import type { ValidationIssue } from '../stix/types.js';

/** What the write rules need to know about organisations. */
export interface OrgDefaults {
  id: string;
  defaultDistribution: Distribution;
  defaultTlp: TlpLevel | 'none';
}

export interface WriteChoice {
  /** Distribution the caller asked for; undefined means the owner's default. */
  distribution?: Distribution | undefined;
  /** TLP to apply to objects that carry none; undefined means the owner's default. */
  tlp?: TlpLevel | 'none' | undefined;
  /**
   * The distribution came from the source (a MISP attribute's distribution), not from the user: like
   * an organisation default, it narrows to `organisation` when the TLP requires instead of being refused.
   */
  narrow?: boolean;
}

export interface Placement {
  ownerOrg: string;
  distribution: Distribution;
  /** The TLP to add to the object when it carries no TLP marking of its own. */
  addTlp: TlpLevel | null;
  tlp: TlpLevel | null;
}

/**
 * The write rules of issue 3 for one object: who owns it (its `created_by_ref` must be the writer's
 * organisation unless the writer is admin or sync), where it goes, and whether its TLP allows that.
 */
export function placeObject(
  writer: UserViewer,
  createdByRef: string | undefined,
  objectTlp: TlpLevel | null,
  choice: WriteChoice,
  orgs: ReadonlyMap<string, OrgDefaults>,
  path: string,
): Placement | ValidationIssue {
  let owner = writer.orgId;
  if (createdByRef !== undefined && createdByRef !== writer.orgId) {
    if (!canWriteForOtherOrgs(writer)) {
      return {
        path: `${path}.created_by_ref`,
        code: 'created_by_mismatch',
        message: `created_by_ref ${createdByRef} is not your organisation (${writer.orgId}); only admin and sync users write for another organisation`,
      };
    }
    if (orgs.has(createdByRef)) owner = createdByRef;
  }
  const defaults = orgs.get(owner);
  const tlpChoice = choice.tlp ?? defaults?.defaultTlp ?? 'none';
  const addTlp = objectTlp === null && tlpChoice !== 'none' ? tlpChoice : null;
  const tlp = objectTlp ?? addTlp;
  let distribution = choice.distribution ?? defaults?.defaultDistribution ?? 'organisation';
  if (!tlpAllows(tlp, distribution)) {
    // An explicit choice wider than the TLP is refused; a default or a source's one narrows to the owner.
    if (choice.distribution !== undefined && choice.narrow !== true) {
      return {
        path,
        code: 'tlp_exceeds_distribution',
        message: `TLP:${tlp!.toUpperCase()} does not allow distribution "${distribution}" (AMBER and RED go to an organisation or a sharing group at most, GREEN to the community at most)`,
      };
    }
    distribution = 'organisation';
  }
  const group = distributionGroup(distribution);
  if (group !== undefined && !writer.groups.includes(group) && writer.role !== 'admin') {
    return {
      path,
      code: 'not_group_member',
      message: `your organisation is not a member of sharing group ${group}`,
    };
  }
  return { ownerOrg: owner, distribution, addTlp, tlp };
}
