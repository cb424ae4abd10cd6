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
 * MatchStream, so multi-event patterns are found too. This is what `accord match` and
 * `POST /api/v1/match` call.
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
    for (const hit of stream.push({ ...event, id: event.id ?? String(n) })) yield { ...hit, record: n };
    n++;
  }
}
