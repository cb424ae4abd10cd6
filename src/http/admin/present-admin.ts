import type { Organisation } from '../../admin/organisation.js';
import type { SharingGroup } from '../../admin/sharing-group.js';
import type { User } from '../../admin/user.js';
import type { ApiKeyRecord } from '../../auth/api-key-record.js';
import type * as S from './admin.schema.js';

/** Presenters: what the admin API returns, in the snake_case of every other response. */
export const presentOrganisation = (o: Organisation): S.Organisation => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  sector: o.sector,
  country: o.country,
  default_distribution: o.defaultDistribution,
  default_tlp: o.defaultTlp,
  created: o.created,
});

/** Never the password hash: only whether one is set. */
export const presentUser = (u: User): S.User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  org_id: u.orgId,
  role: u.role,
  disabled: u.disabled,
  has_password: u.hasPassword,
  created: u.created,
});

export const presentKey = (k: ApiKeyRecord): S.ApiKey => ({
  id: k.id,
  user_id: k.userId,
  name: k.name,
  prefix: k.prefix,
  last4: k.last4,
  read_only: k.readOnly,
  expires_at: k.expiresAt,
  last_used_at: k.lastUsedAt,
  revoked_at: k.revokedAt,
  created: k.created,
});

export const presentGroup = (g: SharingGroup): S.SharingGroup => ({
  id: g.id,
  name: g.name,
  description: g.description,
  owner_org: g.ownerOrg,
  members: g.members,
});
