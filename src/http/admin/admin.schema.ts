import { z } from 'zod';
import { ORG_KINDS } from '../../admin/organisation.js';
import { ROLES } from '../../policy/viewer.js';

const nullableText = z.string().max(2000).nullable().optional();

export const IdParams = z.object({ id: z.string().min(1).max(200) });
export type IdParams = z.infer<typeof IdParams>;

export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  sector: z.string().nullable(),
  country: z.string().nullable(),
  default_distribution: z.string(),
  default_tlp: z.string(),
  created: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationBody = z.object({
  name: z.string().min(1).max(200),
  kind: z.enum(ORG_KINDS),
  sector: nullableText,
  country: z.string().max(10).nullable().optional(),
  default_distribution: z.string().max(200).optional(),
  default_tlp: z.string().max(20).optional(),
});
export type OrganisationBody = z.infer<typeof OrganisationBody>;

export const OrganisationPatchBody = OrganisationBody.partial();
export type OrganisationPatchBody = z.infer<typeof OrganisationPatchBody>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  org_id: z.string(),
  role: z.string(),
  disabled: z.boolean(),
  has_password: z.boolean(),
  created: z.string(),
});
export type User = z.infer<typeof User>;

export const UsersQuery = z.object({ org: z.string().max(200).optional() });

export const UserBody = z.object({
  email: z.string().min(3).max(320),
  name: z.string().min(1).max(200),
  /** Defaults to the caller's organisation. */
  org_id: z.string().max(200).optional(),
  role: z.enum(ROLES),
  /** Empty means none (API-key-only users); the web form sends '' when left blank. */
  password: z.string().max(1024).optional(),
});
export type UserBody = z.infer<typeof UserBody>;

export const ApiKey = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string().nullable(),
  prefix: z.string(),
  last4: z.string(),
  read_only: z.boolean(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created: z.string(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const KeyBody = z.object({
  name: z.string().max(200).optional(),
  read_only: z.boolean().optional(),
  expires_at: z.string().max(40).optional(),
  /** Defaults to the caller. */
  user_id: z.string().max(200).optional(),
});
export type KeyBody = z.infer<typeof KeyBody>;

export const CreatedKey = z.object({ key: z.string(), record: ApiKey });

export const SharingGroup = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  owner_org: z.string(),
  members: z.array(z.string()),
});
export type SharingGroup = z.infer<typeof SharingGroup>;

export const GroupBody = z.object({
  name: z.string().min(1).max(200),
  description: nullableText,
  /** Defaults to the caller's organisation; only an administrator names another. */
  owner_org: z.string().max(200).optional(),
});
export const GroupPatchBody = z.object({
  name: z.string().min(1).max(200).optional(),
  description: nullableText,
});
export const MemberBody = z.object({ org_id: z.string().min(1).max(200) });
export const MemberParams = z.object({ id: z.string().min(1).max(200), orgId: z.string().min(1).max(200) });

export const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
