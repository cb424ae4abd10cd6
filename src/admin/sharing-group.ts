import type { SharingGroupsTable } from '../store/schema.js';

/** A sharing group: objects with distribution `group:<id>` reach its member organisations. */
export interface SharingGroup {
  id: string;
  name: string;
  description: string | null;
  /** The organisation that runs the group; always a member. */
  ownerOrg: string;
  created: string;
  /** Member organisation ids, sorted. */
  members: string[];
}

export function toSharingGroup(row: SharingGroupsTable, members: string[]): SharingGroup {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    ownerOrg: row.owner_org,
    created: row.created,
    members: [...members].sort(),
  };
}
