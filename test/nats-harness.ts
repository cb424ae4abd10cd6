import { connect } from '@nats-io/transport-node';

let probed: Promise<string | undefined> | undefined;

/** The NATS server for tests (ACCORD_TEST_NATS, else 127.0.0.1:4222) when one answers, else undefined. */
export function testNatsUrl(): Promise<string | undefined> {
  probed ??= (async () => {
    const url = process.env.ACCORD_TEST_NATS ?? 'nats://127.0.0.1:4222';
    try {
      const nc = await connect({ servers: url, timeout: 1000, reconnect: false });
      await nc.close();
      return url;
    } catch {
      return undefined;
    }
  })();
  return probed;
}
