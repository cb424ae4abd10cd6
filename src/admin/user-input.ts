import { invalidInput } from '../errors.js';
import { ROLES } from '../policy/viewer.js';
import type { Role } from '../policy/viewer.js';

/** Deliberately loose: one `@`, no spaces. `admin@localhost` is a valid first-start address. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  if (lower.length > 254 || !EMAIL.test(lower))
    throw invalidInput('invalid_email', `${email} is not an e-mail address`);
  return lower;
}

export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw invalidInput('invalid_role', `role must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

export const MIN_PASSWORD = 12;

/** Length is the only rule (NIST SP 800-63B); the cap bounds hashing cost. */
export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD || password.length > 1024)
    throw invalidInput('weak_password', `a password must be ${MIN_PASSWORD} to 1024 characters`);
  return password;
}
