import type { FieldMap } from '../match/index.js';
import type { TlpLevel } from '../policy/tlp.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { matchLines } from './match-lines.js';
import type { InputKind, MatchRecord, MatchSummary } from './match-result.js';
import { MatchRun } from './match-run.js';
import type { MatchRunOptions } from './match-run.js';
import { matchStix } from './match-stix.js';
import { assertCanReportSightings, reportSightings } from './report-sightings.js';
import type { SightingResult } from './report-sightings.js';
import { buildViewerIndex } from './viewer-index.js';
import type { ViewerIndexCache } from './viewer-index-cache.js';

/** One input of a run: a name for messages (a file) and its bytes, opened when its turn comes. */
export interface MatchSource {
  name?: string;
  open: () => AsyncIterable<Buffer | string>;
}

export interface MatchRequest {
  input: InputKind;
  fieldMap?: FieldMap;
  reportSightings?: boolean;
  sightingTlp?: TlpLevel;
  onMatch: (match: MatchRecord) => void | Promise<void>;
  /** Reuse compiled indexes across calls (the API); the CLI builds one per run. */
  cache?: ViewerIndexCache;
  limits?: Pick<MatchRunOptions, 'maxLineBytes' | 'maxObjectBytes' | 'maxStixObjects'>;
  clock?: () => number;
}

export interface MatchOutcome {
  summary: MatchSummary;
  /** Present when sightings were asked for: one result per matched indicator. */
  sightings?: SightingResult[];
}

/**
 * Matches inputs against every live indicator `viewer` may see and, on request, reports one
 * sighting per matched indicator. The single entry point for `accord match` and `POST /api/v1/match`.
 */
export async function runMatch(
  store: Store,
  viewer: UserViewer,
  sources: readonly MatchSource[],
  request: MatchRequest,
): Promise<MatchOutcome> {
  if (request.input === 'jsonl' && request.fieldMap === undefined)
    throw new Error('jsonl input needs a field map');
  if (request.reportSightings === true) assertCanReportSightings(viewer);
  const clock = request.clock ?? Date.now;
  const viewerIndex =
    request.cache === undefined
      ? await buildViewerIndex(store.db, viewer, clock())
      : await request.cache.get(store.db, viewer);
  const run = new MatchRun(viewerIndex, {
    input: request.input,
    ...(request.fieldMap === undefined ? {} : { fieldMap: request.fieldMap }),
    onMatch: request.onMatch,
    ...request.limits,
    clock,
  });
  for (const source of sources) {
    const bytes = source.open();
    if (request.input === 'stix') await matchStix(run, bytes, source.name);
    else await matchLines(run, bytes, source.name);
  }
  const summary = run.summary();
  if (request.reportSightings !== true) return { summary };
  const sightings = await reportSightings(store, viewer, run.tally, {
    ...(request.sightingTlp === undefined ? {} : { tlp: request.sightingTlp }),
    now: clock(),
  });
  return { summary, sightings };
}
