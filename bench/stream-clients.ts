// The clients of bench/stream.ts, in their own process so that parsing 100 streams does not take
// the server's CPU time: `process.send` reports arrivals; the parent sends the commit times.
import http from 'node:http';

const EVENT = /"kind":"(?:version|revoked)","id":"([^"]+)"/g;

interface Start {
  url: string;
  keys: string[];
}

const committedAt = new Map<string, number>();
const waiting = new Map<string, number[]>();
const lags: number[] = [];
let received = 0;

function arrived(id: string, at: number): void {
  received++;
  const c = committedAt.get(id);
  if (c !== undefined) {
    lags.push(Math.max(0, at - c));
    return;
  }
  const list = waiting.get(id);
  if (list === undefined) waiting.set(id, [at]);
  else list.push(at);
}

function follow(url: string, key: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${key}` } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let tail = '';
      let ready = false;
      res.on('data', (chunk: string) => {
        const at = Date.now();
        const text = tail + chunk;
        const cut = text.lastIndexOf('\n\n');
        if (cut < 0) {
          tail = text;
          return;
        }
        const complete = text.slice(0, cut);
        tail = text.slice(cut + 2);
        if (!ready && complete.includes('event: ready')) {
          ready = true;
          resolve(() => req.destroy());
        }
        for (const m of complete.matchAll(EVENT)) arrived(m[1]!, at);
      });
    });
    req.on('error', reject);
  });
}

let closers: Array<() => void> = [];
process.on('message', (message: { start?: Start; commits?: Array<[string, number]>; finish?: boolean }) => {
  if (message.start !== undefined) {
    const { url, keys } = message.start;
    void Promise.all(keys.map((k) => follow(url, k))).then((c) => {
      closers = c;
      process.send!({ ready: true });
    });
  }
  if (message.commits !== undefined) {
    for (const [id, at] of message.commits) {
      committedAt.set(id, at);
      const list = waiting.get(id);
      if (list !== undefined) {
        waiting.delete(id);
        for (const a of list) lags.push(Math.max(0, a - at));
      }
    }
  }
  if (message.finish === true) {
    for (const close of closers) close();
    lags.sort((x, y) => x - y);
    const q = (p: number) =>
      lags.length === 0 ? NaN : lags[Math.min(lags.length - 1, Math.floor(p * lags.length))]!;
    process.send!({ done: { received, p50: q(0.5), p99: q(0.99), measured: lags.length } }, () =>
      process.exit(0),
    );
  }
});
setInterval(() => {
  process.send!({ received });
}, 100).unref();
