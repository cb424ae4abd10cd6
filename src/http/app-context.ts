import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import type { Authenticator } from './plugins/viewer.js';

/** What every route module receives: the store, the configuration and how to authenticate. */
export interface AppContext {
  store: Store;
  config: Config;
  auth: Authenticator;
}
