import http from 'node:http';

export interface SseMessage {
  id?: string;
  event: string;
  data: unknown;
}

/** A minimal Server-Sent Events client over node:http, for tests and benches. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  ended = false;
  #buffer = '';
  #waiters: Array<() => void> = [];
  #res?: http.IncomingMessage;
  #req?: http.ClientRequest;

  static open(url: string, headers: Record<string, string> = {}, paused = false): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        client.#res = res;
        client.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        if (paused) res.pause();
        res.on('data', (chunk: string) => {
          client.#feed(chunk);
        });
        const finish = () => {
          client.ended = true;
          client.#notify();
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
        resolve(client);
      });
      client.#req = req;
      req.on('error', reject);
    });
  }

  status = 0;

  /** The response body so far, for non-SSE answers (errors). */
  raw = '';

  #feed(chunk: string): void {
    this.raw += this.raw.length < 100_000 ? chunk : '';
    this.#buffer += chunk;
    let end: number;
    while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const message: SseMessage = { event: 'message', data: undefined };
      let data: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) message.id = line.slice(4);
        else if (line.startsWith('event: ')) message.event = line.slice(7);
        else if (line.startsWith('data: ')) data = line.slice(6);
      }
      if (data === undefined) continue;
      message.data = JSON.parse(data);
      this.messages.push(message);
    }
    this.#notify();
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  resume(): void {
    this.#res?.resume();
  }

  /** Waits until `test` holds of the messages (or the stream ended), failing after `timeoutMs`. */
  async until(test: (messages: SseMessage[]) => boolean, timeoutMs = 5000): Promise<SseMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!test(this.messages)) {
      if (this.ended) throw new Error(`stream ended; got ${this.messages.map((m) => m.event).join(',')}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out; got ${this.messages.map((m) => `${m.event}:${m.id ?? ''}`).join(',')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  /** The change events (not ready/heartbeat). */
  changes(): SseMessage[] {
    return this.messages.filter((m) =>
      ['version', 'revoked', 'deleted', 'removed', 'match'].includes(m.event),
    );
  }

  close(): void {
    this.#req?.destroy();
  }
}
