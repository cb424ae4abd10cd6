import { parseMispFeedManifest, planFeedImport } from '../export/misp/index.js';
import type { ConversionIssue } from '../ingest/conversion.js';
import type { ConvertSummary } from '../ingest/convert-service.js';
import type { ImportSummary } from '../ingest/import-result.js';
import { emptySummary } from '../ingest/import-result.js';
import type { Viewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { FeedFetchError } from './feed-http.js';
import type { FetchOptions } from './feed-http.js';
import type { FeedLocation } from './feed-location.js';
import { importFormat } from './import-format.js';
import type { ImportFormatRequest } from './import-format.js';

export interface MispFeedImportOptions extends Omit<ImportFormatRequest, 'onResult'> {
  /** Event uuid → manifest timestamp already imported (a feed job's state); empty imports everything. */
  lastSeen?: Readonly<Record<string, number>>;
  /** Headers, retries and the stop signal for every file fetched. */
  fetch?: FetchOptions;
  /** Validators of the last `manifest.json` fetched, for a conditional request. */
  validators?: { etag?: string | undefined; lastModified?: string | undefined };
  /** After each event: lets a feed run record its progress, so a crash resumes where it stopped. */
  onEvent?: (event: MispFeedEventResult, lastSeen: Record<string, number>) => Promise<void> | void;
}

export interface MispFeedEventResult {
  uuid: string;
  timestamp: number;
  summary?: ConvertSummary;
  /** Why the event was not imported (absent file, malformed event); it is tried again next run. */
  error?: string;
}

export interface MispFeedRun {
  /** The manifest was unchanged since the validators given (HTTP 304): nothing else was fetched. */
  notModified: boolean;
  manifestErrors: ConversionIssue[];
  events: MispFeedEventResult[];
  totals: ImportSummary;
  lastSeen: Record<string, number>;
  etag?: string;
  lastModified?: string;
}

function add(total: ImportSummary, s: ImportSummary): void {
  for (const key of ['total', 'created', 'duplicate', 'invalid', 'refused', 'rejected'] as const)
    total[key] += s[key];
}

/**
 * Imports a MISP feed (`manifest.json` + `<uuid>.json`) incrementally: only events that are new or
 * whose manifest timestamp moved since `lastSeen`, oldest first, each in its own transaction. An event
 * that fails stays unrecorded and is fetched again next time; the others go on.
 */
export async function importMispFeed(
  store: Store,
  viewer: Viewer,
  location: FeedLocation,
  options: MispFeedImportOptions,
): Promise<MispFeedRun> {
  const lastSeen: Record<string, number> = { ...options.lastSeen };
  const run: MispFeedRun = {
    notModified: false,
    manifestErrors: [],
    events: [],
    totals: emptySummary(),
    lastSeen,
  };
  const got = await location.read('manifest.json', { ...options.fetch, ...options.validators });
  if (got.status === 'not-modified') return { ...run, notModified: true };
  if (got.status === 'not-found')
    throw new FeedFetchError(`${location.label}: no manifest.json (is this a MISP feed?)`, 404);
  const parsed = parseMispFeedManifest(got.body);
  run.manifestErrors = parsed.errors;
  if (Object.keys(parsed.manifest).length === 0 && parsed.errors.length > 0)
    throw new FeedFetchError(`${location.label}manifest.json: ${parsed.errors[0]!.message}`);
  if (got.etag !== undefined) run.etag = got.etag;
  if (got.lastModified !== undefined) run.lastModified = got.lastModified;
  const { lastSeen: _seen, fetch, validators: _validators, onEvent, ...request } = options;
  for (const uuid of planFeedImport(parsed.manifest, lastSeen)) {
    fetch?.signal?.throwIfAborted();
    const timestamp = parsed.manifest[uuid]!.timestamp;
    const event: MispFeedEventResult = { uuid, timestamp };
    const file = await location.read(`${uuid}.json`, fetch);
    if (file.status !== 'ok') event.error = `${uuid}.json is listed in manifest.json but absent`;
    else {
      const { summary } = await importFormat(
        store,
        viewer,
        file.body,
        { format: 'misp' },
        {
          ...request,
          source: `${options.source}/${uuid}.json`,
        },
      );
      event.summary = summary;
      add(run.totals, summary);
      if (summary.fatal !== undefined) event.error = summary.fatal.message;
      else if (options.dryRun !== true) lastSeen[uuid] = timestamp;
    }
    run.events.push(event);
    await onEvent?.(event, lastSeen);
  }
  return run;
}
