import type { FieldMap } from './field-maps.js';
import { recordToEvent } from './field-maps.js';
import type { MatchHit, MatchIndex } from './match-index.js';
import { MatchStream } from './match-stream.js';
import type { MatchStreamOptions } from './match-stream.js';

export interface RecordHit extends MatchHit {
  /** Position of the record (0-based) that completed the match. */
  record: number;
}

/**
 * Matches log records against an index: each record is mapped with `fieldMap` and fed through a
 * MatchStream, so multi-event patterns are found too (a library entry point; `accord match` and
 * `POST /api/v1/match` go through `matchLines` in src/matching, which also names the indicators).
 */
export function* matchRecords(
  index: MatchIndex,
  records: Iterable<Record<string, unknown>>,
  fieldMap: FieldMap,
  opts: MatchStreamOptions = {},
): Generator<RecordHit> {
  const stream = new MatchStream(index, opts);
  let n = 0;
  for (const record of records) {
    const event = recordToEvent(record, fieldMap);
    event.id = String(n);
    for (const hit of stream.push(event)) yield { ...hit, record: n };
    n++;
  }
}
