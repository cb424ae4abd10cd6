import { Readable } from 'node:stream';
import { viewerForUser } from '../auth/index.js';
import type { ImportSummary } from '../ingest/import-result.js';
import { importStix } from '../ingest/import-service.js';
import type { JobHandler, JobOutcome } from '../jobs/index.js';
import { saveJobState } from '../jobs/index.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { pullCollection } from '../taxii/client/pull-collection.js';
import { TaxiiHttp } from '../taxii/client/taxii-http.js';
import type { TaxiiAuth } from '../taxii/client/taxii-http.js';
import { FormatSpec } from './convert-format.js';
import { FeedDefinition, feedStateOf } from './feed-definition.js';
import type { FeedState } from './feed-definition.js';
import { fetchFeed } from './feed-http.js';
import { openFeedHeaders, sealPlainFeedHeaders } from './feed-secrets.js';
import type { FetchOptions } from './feed-http.js';
import { feedLocation } from './feed-location.js';
import { importFormat } from './import-format.js';
import { importMispFeed } from './misp-feed-import.js';

/** Retry settings for every request a feed run makes (tests shorten the back-off). */
export type FeedRetry = Pick<
  FetchOptions,
  'attempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs' | 'maxBytes'
>;

function counts(s: ImportSummary): NonNullable<FeedState['counts']> {
  return {
    total: s.total,
    created: s.created,
    duplicate: s.duplicate,
    invalid: s.invalid,
    refused: s.refused,
  };
}

function line(s: ImportSummary): string {
  return `${s.total} objects: ${s.created} created, ${s.duplicate} duplicate, ${s.invalid} invalid, ${s.refused} refused`;
}

function taxiiAuth(headers: Readonly<Record<string, string>> | undefined): TaxiiAuth {
  const value = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const [scheme = '', secret = ''] = (value ?? '').split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return { kind: 'bearer', key: secret };
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(secret, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { kind: 'basic', user: decoded.slice(0, Math.max(0, colon)), password: decoded.slice(colon + 1) };
  }
  return { kind: 'none' };
}

async function writerOf(store: Store, def: FeedDefinition, name: string): Promise<UserViewer> {
  const viewer = await viewerForUser(store, def.actor);
  if (viewer === null) throw new Error(`feed ${name}: its user is disabled, gone or without an organisation`);
  return viewer;
}

/**
 * The `feed` job kind: one run of a scheduled feed. Single-file feeds (CSV, text, STIX) are fetched
 * conditionally (If-None-Match / If-Modified-Since from the last run) and stored in one transaction;
 * MISP feeds import new or changed events and record each one as it lands; TAXII feeds pull from
 * where the last run stopped. Requests retry with exponential back-off; a run that fails keeps the
 * old validators, so the next scheduled run tries the same content again.
 */
export function createFeedHandler(retry: FeedRetry = {}): JobHandler {
  const handler: JobHandler = async ({ store, job, signal }): Promise<JobOutcome> => {
    const def = FeedDefinition.parse(job.payload);
    const state = feedStateOf(job.state);
    const writer = await writerOf(store, def, job.name);
    const headers = await openFeedHeaders(store, def.headers, job.name);
    const fetchOptions: FetchOptions = { ...retry, headers, signal };
    const source = `feed:${job.name}`;
    const choice = { distribution: def.distribution, tlp: def.tlp, strict: def.strict };
    const now = new Date().toISOString();

    if (def.type === 'misp') {
      const run = await importMispFeed(store, writer, feedLocation(def.url, fetchOptions), {
        ...choice,
        source,
        owner: def.owner,
        lastSeen: state.lastSeen ?? {},
        fetch: fetchOptions,
        validators: { etag: state.etag, lastModified: state.lastModified },
        onEvent: (_event, lastSeen) => saveJobState(store.db, job.id, { ...state, lastSeen }),
      });
      if (run.notModified) return { summary: 'manifest.json not modified' };
      const failed = run.events.filter((e) => e.error !== undefined);
      const summary = `${run.events.length} events, ${line(run.totals)}`;
      if (failed.length > 0) {
        // Progress is saved; without the manifest's validators the next run retries the failures.
        await saveJobState(store.db, job.id, {
          ...state,
          lastSeen: run.lastSeen,
          counts: counts(run.totals),
        });
        throw new Error(
          `${summary}; ${failed.length} failed, first ${failed[0]!.uuid}: ${failed[0]!.error ?? ''}`,
        );
      }
      return {
        summary,
        state: {
          ...state,
          lastSeen: run.lastSeen,
          etag: run.etag,
          lastModified: run.lastModified,
          lastSuccessAt: now,
          counts: counts(run.totals),
        },
      };
    }

    if (def.type === 'taxii') {
      if (def.collection === undefined) throw new Error(`feed ${job.name}: a TAXII feed needs a collection`);
      const http = new TaxiiHttp({ apiRoot: def.url, auth: taxiiAuth(headers), signal, ...retry });
      const pulled = await pullCollection(store, writer, http, {
        collection: def.collection,
        addedAfter: state.addedAfter,
        distribution: def.distribution,
        tlp: def.tlp,
      });
      return {
        summary: `${pulled.pages} pages, ${line(pulled.summary)}`,
        state: {
          ...state,
          ...(pulled.addedAfter === undefined ? {} : { addedAfter: pulled.addedAfter }),
          lastSuccessAt: now,
          counts: counts(pulled.summary),
        },
      };
    }

    const got = await fetchFeed(def.url, {
      ...fetchOptions,
      etag: state.etag,
      lastModified: state.lastModified,
    });
    if (got.status === 'not-modified') return { summary: 'not modified' };
    if (got.status === 'not-found') throw new Error(`${def.url}: 404 not found`);
    let summary: ImportSummary;
    if (def.type === 'stix') {
      summary = await importStix(store, writer, Readable.from([got.body]), { ...choice, source });
    } else {
      const spec = FormatSpec.parse(
        def.type === 'csv'
          ? { format: 'csv', preset: def.preset, mapping: def.mapping }
          : { format: 'text', textFormat: def.textFormat },
      );
      summary = (await importFormat(store, writer, got.body, spec, { ...choice, source, owner: def.owner }))
        .summary;
    }
    if (summary.fatal !== undefined) throw new Error(`${summary.fatal.code}: ${summary.fatal.message}`);
    return {
      summary: line(summary),
      state: {
        ...state,
        etag: got.etag,
        lastModified: got.lastModified,
        lastSuccessAt: now,
        counts: counts(summary),
      },
    };
  };
  // Before its first run, a runner seals header values stored before sealing existed.
  handler.prepare = sealPlainFeedHeaders;
  return handler;
}

/** The handler `accord serve` registers for `feed` jobs. */
export const runFeed: JobHandler = createFeedHandler();
