import type { Store } from '../store/store.js';
import { isSealed, openSecret, sealSecret, SecretKeyMismatch } from './sealed-secret.js';
import { secretKey } from './secret-key.js';

/** How a listing shows a credential: that one is set, never the value, sealed or not. */
export const SET = '(set)';

/**
 * Seals the given values with the store's key; values already sealed stay as they are. Loads the
 * key only when there is something to seal.
 */
export async function sealValues<T extends Record<string, string | undefined>>(
  store: Store,
  values: T,
): Promise<T> {
  const plain = Object.entries(values).filter(([, v]) => v !== undefined && !isSealed(v));
  if (plain.length === 0) return values;
  const { key } = await secretKey(store);
  return { ...values, ...Object.fromEntries(plain.map(([k, v]) => [k, sealSecret(key, v!)])) };
}

/**
 * Opens sealed values for use. `owner` names what they belong to (`feed abuse-ch`) in the error
 * a wrong key raises; the error never carries a value.
 */
export async function openValues<T extends Record<string, string | undefined>>(
  store: Store,
  values: T,
  owner: string,
): Promise<T> {
  const sealed = Object.entries(values).filter(([, v]) => v !== undefined && isSealed(v));
  if (sealed.length === 0) return values;
  const { key, source } = await secretKey(store);
  try {
    return { ...values, ...Object.fromEntries(sealed.map(([k, v]) => [k, openSecret(key, v!)])) };
  } catch (error) {
    if (!(error instanceof SecretKeyMismatch)) throw error;
    throw new Error(
      `${owner}: its stored credentials cannot be opened: the secret key (${source}) does not match the key they were sealed with; restore that key or enter the credentials again`,
    );
  }
}

/** Whether any of the values is still stored in plain text (a row from before sealing). */
export function hasPlainValues(values: Readonly<Record<string, string | undefined>>): boolean {
  return Object.values(values).some((v) => v !== undefined && !isSealed(v));
}
