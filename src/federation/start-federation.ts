import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { FederationWorker } from './federation-worker.js';
import { FederationRefused } from './pull-from-peer.js';

interface Log {
  warn: (details: object, message: string) => void;
}

/**
 * The federation worker of `accord serve` (ACCORD_FEDERATION, ACCORD_FEDERATION_WAIT_MS,
 * ACCORD_FEDERATION_RETRY_MS): follows every peer we receive from; each failure is logged with the
 * peer and its reason (the peer's status keeps it too). Undefined when federation is off.
 */
export function startFederation(store: Store, config: Config, log: Log): FederationWorker | undefined {
  if (!config.federation.enabled) return undefined;
  return new FederationWorker(store, {
    waitMs: config.federation.waitMs,
    retryMs: config.federation.retryMs,
    onError: (peer, error) => {
      const code = error instanceof FederationRefused ? error.code : 'failed';
      log.warn(
        { peer: peer.name, code, err: error },
        `federation: pulling from ${peer.name} failed: ${(error as Error).message}`,
      );
    },
  }).start();
}
