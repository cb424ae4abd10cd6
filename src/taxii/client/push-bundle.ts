import type { StatusDetail } from '../taxii-status.js';
import type { TaxiiHttp } from './taxii-http.js';

export interface PushResult {
  envelopes: number;
  total: number;
  successes: StatusDetail[];
  failures: StatusDetail[];
  pendings: StatusDetail[];
}

/** A status resource from any TAXII server: the detail lists are optional in the specification. */
interface RemoteStatus {
  id: string;
  status: string;
  successes?: StatusDetail[];
  failures?: StatusDetail[];
  pendings?: StatusDetail[];
}

/** Groups objects into envelope bodies no larger than `maxBytes` (an oversized object goes alone). */
export async function* envelopes(
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  maxBytes: number,
): AsyncGenerator<{ body: string; count: number }> {
  const head = '{"objects":[';
  const tail = ']}';
  let parts: string[] = [];
  let size = head.length + tail.length;
  for await (const object of objects) {
    const text = JSON.stringify(object);
    const bytes = Buffer.byteLength(text) + (parts.length > 0 ? 1 : 0);
    if (parts.length > 0 && size + bytes > maxBytes) {
      yield { body: `${head}${parts.join(',')}${tail}`, count: parts.length };
      parts = [];
      size = head.length + tail.length;
    }
    size += Buffer.byteLength(text) + (parts.length > 0 ? 1 : 0);
    parts.push(text);
  }
  if (parts.length > 0) yield { body: `${head}${parts.join(',')}${tail}`, count: parts.length };
}

/**
 * Sends objects to a remote collection in envelopes under the API root's `max_content_length`, then
 * polls each status until it is complete (or `pollAttempts` run out, leaving pendings).
 */
export async function pushObjects(
  http: TaxiiHttp,
  collection: string,
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  options: { pollIntervalMs?: number; pollAttempts?: number } = {},
): Promise<PushResult> {
  const root = await http.get<{ max_content_length?: number }>('');
  const max = Math.max(1024, root.body.max_content_length ?? 10 * 1024 * 1024);
  const result: PushResult = { envelopes: 0, total: 0, successes: [], failures: [], pendings: [] };
  for await (const envelope of envelopes(objects, max)) {
    let status = (
      await http.post<RemoteStatus>(`collections/${encodeURIComponent(collection)}/objects/`, envelope.body)
    ).body;
    for (let i = 0; status.status === 'pending' && i < (options.pollAttempts ?? 60); i++) {
      await new Promise((r) => setTimeout(r, options.pollIntervalMs ?? 1000));
      status = (await http.get<RemoteStatus>(`status/${encodeURIComponent(status.id)}/`)).body;
    }
    result.envelopes++;
    result.total += envelope.count;
    result.successes.push(...(status.successes ?? []));
    result.failures.push(...(status.failures ?? []));
    result.pendings.push(...(status.pendings ?? []));
  }
  return result;
}
