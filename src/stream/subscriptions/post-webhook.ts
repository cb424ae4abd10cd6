import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

export interface PostOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export interface PostOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Unix seconds signed into the header. */
  timestamp: number;
}

/**
 * POSTs one JSON body to a webhook, signed (`x-accord-signature: t=<unix>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`). A 2xx answer is delivered; anything else, a redirect included, is a failure with
 * its reason. Never throws.
 */
export async function postWebhook(
  url: string,
  secret: string,
  delivery: { id: string; kind: string; body: string },
  options: PostOptions,
): Promise<PostOutcome> {
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Accord-Webhook/1',
        [SIGNATURE_HEADER]: signWebhook(secret, options.timestamp, delivery.body),
        'x-accord-delivery': delivery.id,
        'x-accord-event': delivery.kind,
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `the webhook answered HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      status: null,
      error: `the webhook could not be reached: ${(error as Error).message}${cause === undefined ? '' : ` (${cause})`}`,
    };
  }
}
