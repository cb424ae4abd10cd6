import { authenticateApiKey, authenticateBasic } from '../../auth/index.js';
import type { Store } from '../../store/store.js';
import type { Authenticator } from './viewer.js';

/** The production authenticator: API keys (Bearer and TAXII Basic) checked against the store. */
export function storeAuthenticator(store: Store, session?: Authenticator['session']): Authenticator {
  return {
    bearer: (key) => authenticateApiKey(store, key),
    basic: (email, key) => authenticateBasic(store, email, key),
    ...(session === undefined ? {} : { session }),
  };
}
