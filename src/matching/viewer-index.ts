import type { Kysely } from 'kysely';
import { MatchIndex } from '../match/index.js';
import { parsePattern } from '../pattern/index.js';
import type { Observable } from '../observable/index.js';
import type { Pattern } from '../pattern/index.js';
import type { Viewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import { BUILTIN_WARNINGLISTS, WarninglistIndex } from '../warninglist/index.js';
import { liveIndicators } from './live-indicators.js';
import type { LiveIndicator } from './live-indicators.js';

/** What a match result says about the indicator; carried as the index entry's `meta`. */
export interface IndicatorInfo extends LiveIndicator {
  ownerName: string;
  /** Its position in its viewer index (0-based, unique there): per-run state is kept in arrays by it. */
  slot: number;
  /** The `token` of that viewer index. */
  index: number;
  /** Parsed on first need (STIX input confirms candidates with the general evaluator). */
  ast?: Pattern;
}

/** The compiled index of everything one viewer may match against. */
export interface ViewerIndex {
  index: MatchIndex;
  /** Unique to this index in the process: tells its indicators' slots from another index's. */
  token: number;
  indicators: ReadonlyMap<string, IndicatorInfo>;
  builtAt: number;
  skipped: { warninglisted: number; invalid: number };
}

let warninglists: WarninglistIndex | undefined;

/** Indicators for values on a warninglist (resolvers, documentation ranges...) only make noise. */
function warninglisted(observable: Observable | null): boolean {
  if (observable === null) return false;
  warninglists ??= new WarninglistIndex(BUILTIN_WARNINGLISTS);
  return warninglists.check(observable).length > 0;
}

/**
 * Builds the index for `viewer` from the store: live indicators only (current, not revoked,
 * valid now), through the visibility rule, without warninglisted values. Validity is judged at
 * build time rather than against each event's time, so old logs are hunted with today's intel.
 */
export async function buildViewerIndex(
  db: Kysely<Database>,
  viewer: Viewer,
  now: number = Date.now(),
): Promise<ViewerIndex> {
  const owners = new Map(
    (await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]),
  );
  const built = emptyViewerIndex(now);
  for await (const ind of liveIndicators(db, viewer, now))
    addToViewerIndex(built, ind, owners.get(ind.ownerOrg) ?? ind.ownerOrg);
  return built;
}

let tokens = 0;

/** A viewer index with nothing in it yet (`addToViewerIndex` fills it). */
export function emptyViewerIndex(now: number): ViewerIndex & { indicators: Map<string, IndicatorInfo> } {
  return {
    index: new MatchIndex(),
    token: ++tokens,
    indicators: new Map(),
    builtAt: now,
    skipped: { warninglisted: 0, invalid: 0 },
  };
}

/**
 * Enters one indicator read through the visibility rule (`liveIndicators`), with what a match
 * result names as its meta; warninglisted values and patterns that do not parse are counted and
 * left out. The one way indicators enter a viewer's index (the match benchmark uses it too).
 */
export function addToViewerIndex(
  built: ViewerIndex & { indicators: Map<string, IndicatorInfo> },
  ind: LiveIndicator,
  ownerName: string,
): void {
  if (warninglisted(ind.observable)) {
    built.skipped.warninglisted++;
    return;
  }
  // A replaced indicator hands its slot on, so slots stay unique and dense.
  const slot = built.indicators.get(ind.id)?.slot ?? built.indicators.size;
  // Every field written in one literal: V8 keeps them all inside the object, where a spread and
  // then more fields put the last ones in a second, separate array (another cache miss per match).
  const info: IndicatorInfo = {
    id: ind.id,
    name: ind.name,
    pattern: ind.pattern,
    ownerOrg: ind.ownerOrg,
    ownerName,
    distribution: ind.distribution,
    tlp: ind.tlp,
    observable: ind.observable,
    validFrom: ind.validFrom,
    validUntil: ind.validUntil,
    slot,
    index: built.token,
  };
  if (!built.index.add({ id: ind.id, pattern: ind.pattern, meta: info }).ok) {
    built.skipped.invalid++;
    return;
  }
  built.indicators.set(ind.id, info);
}

/** The parsed pattern of an indexed indicator (memoised; the index accepted it, so it parses). */
export function indicatorAst(info: IndicatorInfo): Pattern | null {
  if (info.ast === undefined) {
    const parsed = parsePattern(info.pattern);
    if (!parsed.ok) return null;
    info.ast = parsed.ast;
  }
  return info.ast;
}
