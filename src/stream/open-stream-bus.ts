import type { Config } from '../config.js';
import { NatsBus } from './nats-bus.js';
import { InProcessBus } from './stream-bus.js';
import type { StreamBus } from './stream-bus.js';

/** NATS JetStream when ACCORD_NATS_URL is set, else the in-process bus. */
export async function openStreamBus(config: Config, onError?: (error: unknown) => void): Promise<StreamBus> {
  if (config.natsUrl === undefined) return new InProcessBus();
  return NatsBus.open({ url: config.natsUrl, ...(onError === undefined ? {} : { onError }) });
}
