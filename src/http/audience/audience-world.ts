import type { Kysely } from 'kysely';
import type { AudienceOrg, ExplainedVersion } from '../../policy/audience.js';
import type { StoredVersion } from '../../store/objects/read-objects.js';
import type { Database } from '../../store/schema.js';
import type { StixObject } from '../../stix/types.js';

/** Every organisation with its real sharing groups, and the names to explain them with. */
export interface AudienceWorld {
  orgs: AudienceOrg[];
  orgName: (id: string) => string;
  groupName: (id: string) => string;
}

/** Reads the organisations, memberships and administrators as they are now (four small tables). */
export async function loadAudienceWorld(db: Kysely<Database>): Promise<AudienceWorld> {
  const [orgRows, members, groups, admins] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).orderBy('name').orderBy('id').execute(),
    db.selectFrom('group_members').select(['group_id', 'org_id']).execute(),
    db.selectFrom('sharing_groups').select(['id', 'name']).execute(),
    db
      .selectFrom('users')
      .select('org_id')
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .distinct()
      .execute(),
  ]);
  const adminOrgs = new Set(admins.map((a) => a.org_id));
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const orgNames = new Map(orgRows.map((o) => [o.id, o.name]));
  return {
    orgs: orgRows.map((o) => ({
      id: o.id,
      name: o.name,
      groups: members.filter((m) => m.org_id === o.id).map((m) => m.group_id),
      hasAdmin: adminOrgs.has(o.id),
    })),
    orgName: (id) => orgNames.get(id) ?? id,
    groupName: (id) => groupNames.get(id) ?? id,
  };
}

export function explainedVersion(v: StoredVersion): ExplainedVersion {
  return {
    id: v.id,
    ownerOrg: v.ownerOrg,
    distribution: v.distribution,
    tlp: v.tlp,
    pap: v.pap,
    object: JSON.parse(v.data) as StixObject,
  };
}
