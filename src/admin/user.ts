import type { Role } from '../policy/viewer.js';
import type { UsersTable } from '../store/schema.js';

/** A user as services return it: never the password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  orgId: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  created: string;
}

export function toUser(row: UsersTable): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    orgId: row.org_id,
    role: row.role as Role,
    disabled: row.disabled !== 0,
    hasPassword: row.password_hash !== null,
    created: row.created,
  };
}
