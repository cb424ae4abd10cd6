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
  /** Parsed on first need (STIX input confirms candidates with the general evaluator). */
  ast?: Pattern;
}

/** The compiled index of everything one viewer may match against. */
export interface ViewerIndex {
  index: MatchIndex;
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
  const index = new MatchIndex();
  const indicators = new Map<string, IndicatorInfo>();
  const skipped = { warninglisted: 0, invalid: 0 };
  for await (const ind of liveIndicators(db, viewer, now)) {
    if (warninglisted(ind.observable)) {
      skipped.warninglisted++;
      continue;
    }
    const info: IndicatorInfo = { ...ind, ownerName: owners.get(ind.ownerOrg) ?? ind.ownerOrg };
    if (!index.add({ id: ind.id, pattern: ind.pattern, meta: info }).ok) {
      skipped.invalid++;
      continue;
    }
    indicators.set(ind.id, info);
  }
  return { index, indicators, builtAt: now, skipped };
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
