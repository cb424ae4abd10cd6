/**
 * Deconfliction: organisations register interests in values as keyed hashes; anyone permitted checks
 * values and learns only hit/no-hit and whom to contact.
 */
export { deconflictKey, deriveKey, keyedHash } from './deconflict-key.js';
export type { DeconflictKey } from './deconflict-key.js';
export { DECONFLICT_KINDS, interestValue, normaliseHandle, normalisePhone } from './interest-value.js';
export type { DeconflictKind, InterestValue } from './interest-value.js';
export {
  DEFAULT_EXPIRY_DAYS,
  MAX_EXPIRY_DAYS,
  SENSITIVITIES,
  registerInterests,
} from './register-interests.js';
export type { InterestInput, RegisterResult, Sensitivity } from './register-interests.js';
export { DEFAULT_CHECK_LIMITS, MAX_CHECK_VALUES, checkValues } from './check-values.js';
export type { CheckInput, CheckLimits, CheckOptions, CheckResult } from './check-values.js';
export { listNotifications, listOwnInterests, removeInterest } from './own-interests.js';
export type { InterestNotification, OwnInterest } from './own-interests.js';
