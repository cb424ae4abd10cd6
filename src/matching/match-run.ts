import type { FieldMap, MatchHit } from '../match/index.js';
import { MatchStream } from '../match/index.js';
import { MAX_REPORTED_MALFORMED } from './match-result.js';
import type { InputKind, MalformedLine, MatchRecord, MatchSummary } from './match-result.js';
import { SightingTally } from './sighting-tally.js';
import type { IndicatorInfo, ViewerIndex } from './viewer-index.js';

export interface MatchRunOptions {
  input: InputKind;
  /** Required for `jsonl`. */
  fieldMap?: FieldMap;
  /** Receives each match as it is found (awaited, so a slow consumer applies back-pressure). */
  onMatch: (match: MatchRecord) => void | Promise<void>;
  /** Longest accepted line (jsonl, values); longer lines are malformed. Default 1 MiB. */
  maxLineBytes?: number;
  /** Largest STIX object accepted from a bundle. Default 5 MiB. */
  maxObjectBytes?: number;
  /** Most objects kept from one STIX bundle (observations need their referenced SCOs). Default 1,000,000. */
  maxStixObjects?: number;
  clock?: () => number;
}

/**
 * State shared by one run over one or more inputs: the counters of the summary, the per-indicator
 * tally for sightings, and the stream matcher that remembers partial multi-event evidence.
 * The readers (`matchLines`, `matchStix`) feed it.
 */
export class MatchRun {
  readonly tally: SightingTally;
  readonly stream: MatchStream;
  readonly startedAt: number;
  private events = 0;
  private matches = 0;
  private malformedCount = 0;
  private readonly malformedLines: MalformedLine[] = [];

  constructor(
    readonly viewerIndex: ViewerIndex,
    readonly options: MatchRunOptions,
  ) {
    this.stream = new MatchStream(viewerIndex.index);
    this.tally = new SightingTally(viewerIndex.token);
    this.startedAt = (options.clock ?? Date.now)();
  }

  get malformed(): number {
    return this.malformedCount;
  }

  countEvent(): void {
    this.events++;
  }

  reportMalformed(line: number, error: string, source?: string): void {
    this.malformedCount++;
    if (this.malformedLines.length < MAX_REPORTED_MALFORMED)
      this.malformedLines.push({ ...(source === undefined ? {} : { source }), line, error });
  }

  /**
   * Emits one match and counts it towards the sighting of its indicator. `where` becomes the
   * match record (the indicator, owner and TLP are added to it, after its own fields), so pass a
   * fresh object. Returns the consumer's promise when it returned one (await it for back-pressure).
   */
  emit(
    hit: Pick<MatchHit, 'id' | 'meta'>,
    where: Omit<MatchRecord, 'indicator' | 'owner_org' | 'owner_name' | 'tlp'>,
    time: number | undefined,
  ): Promise<void> | undefined {
    const info = hit.meta as IndicatorInfo;
    this.matches++;
    this.tally.add(info, time === undefined || Number.isNaN(time) ? this.startedAt : time);
    // Fields added in place rather than `{ ...where, ... }`: V8 builds a new hidden class for
    // every spread-then-extend object, which cost microseconds and old-space memory per match.
    const record = where as MatchRecord;
    record.indicator = { id: info.id, name: info.name };
    record.owner_org = info.ownerOrg;
    record.owner_name = info.ownerName;
    record.tlp = info.tlp;
    const pending = this.options.onMatch(record);
    return pending instanceof Promise ? pending : undefined;
  }

  summary(): MatchSummary {
    return {
      input: this.options.input,
      indicators: this.viewerIndex.indicators.size,
      skipped: { ...this.viewerIndex.skipped },
      events: this.events,
      matches: this.matches,
      matched_indicators: this.tally.size,
      malformed: this.malformedCount,
      malformed_lines: [...this.malformedLines],
    };
  }
}
