export { ensureBootstrap } from './bootstrap.js';
export type { BootstrapOptions, BootstrapResult } from './bootstrap.js';
export { COUNTRY_CODES, isCountryCode } from './countries.js';
export { INDUSTRY_SECTORS } from './industry-sectors.js';
export { ORG_KINDS } from './organisation.js';
export type { DefaultTlp, OrgKind, Organisation } from './organisation.js';
export { organisationIdentity } from './organisation-identity.js';
export type { OrganisationInput, OrganisationPatch } from './organisation-input.js';
export {
  createOrganisation,
  createOrganisationIn,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisations.js';
export type { SharingGroup } from './sharing-group.js';
export {
  addGroupMember,
  createSharingGroup,
  getSharingGroup,
  listSharingGroups,
  removeGroupMember,
  updateSharingGroup,
} from './sharing-groups.js';
export type { SharingGroupInput } from './sharing-groups.js';
export type { User } from './user.js';
export {
  createUser,
  createUserIn,
  disableUser,
  enableUser,
  getUserByEmail,
  listUsers,
  verifyPassword,
} from './users.js';
export type { UserInput } from './users.js';
