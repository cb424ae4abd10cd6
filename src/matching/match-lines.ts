import { RecordEvent, recordToEvent, valueToPaths } from '../match/index.js';
import type { MatchEvent, MatchHit } from '../match/index.js';
import { refang } from '../observable/index.js';
import type { MatchRecord } from './match-result.js';
import type { MatchRun } from './match-run.js';
import { readLineBatches } from './read-lines.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Cheap test before the refang regexes: defanged values carry brackets, `hxxp`, `fxp` or `\.`.
const DEFANGED = /[[({\\]|h(?:xx|\*\*)p|fxp/i;

/** Types a plain value; defanged spellings (`hxxp://evil[.]com`) are refanged first. */
function typedValue(text: string): Record<string, string> {
  return valueToPaths(DEFANGED.test(text) ? refang(text) : text);
}

/**
 * The match record's own fields, built field by field in their printed order (source, line,
 * lines, value or event) rather than by spreading, which V8 makes slow (see MatchRun.emit).
 */
function matchWhere(
  hit: MatchHit,
  line: number,
  detail: string | Record<string, unknown> | undefined,
  source: string | undefined,
): Omit<MatchRecord, 'indicator' | 'owner_org' | 'owner_name' | 'tlp'> {
  const where: Omit<MatchRecord, 'indicator' | 'owner_org' | 'owner_name' | 'tlp'> = {};
  if (source !== undefined) where.source = source;
  where.line = line;
  // Where the evidence lies: the completing line, plus every line for multi-record patterns.
  if (hit.events.length > 1) where.lines = hit.events.map(Number).filter((n) => Number.isInteger(n));
  if (typeof detail === 'string') where.value = detail;
  else where.event = detail;
  return where;
}

/**
 * Reads JSON Lines of log records (mapped with the run's field map) or plain values, one per line
 * (blank lines and `#` comments skipped), and matches each through the run's stream matcher.
 * Malformed lines are counted and reported with their numbers; reading goes on.
 */
export async function matchLines(
  run: MatchRun,
  source: AsyncIterable<Buffer | string>,
  name?: string,
): Promise<void> {
  const { input, fieldMap, maxLineBytes } = run.options;
  if (input === 'jsonl' && fieldMap === undefined) throw new Error('jsonl input needs a field map');
  // One event refilled line after line: the matcher keeps only ids and the record, never the event.
  const scratch = new RecordEvent();
  for await (const batch of readLineBatches(source, maxLineBytes)) {
    for (const { line, text } of batch) {
      const pending = matchLine(run, scratch, line, text, name);
      if (pending !== undefined) await pending;
    }
  }
}

/** One line of `matchLines`; a promise only when the consumer returned one. */
function matchLine(
  run: MatchRun,
  scratch: RecordEvent,
  line: number,
  text: string | null,
  name: string | undefined,
): Promise<void> | undefined {
  const { input, fieldMap, maxLineBytes } = run.options;
  if (text === null) {
    run.reportMalformed(line, `line longer than ${String(maxLineBytes ?? 1 << 20)} bytes`, name);
    return undefined;
  }
  const trimmed = text.trim();
  if (trimmed === '' || (input === 'values' && trimmed.startsWith('#'))) return undefined;
  let event: MatchEvent;
  let record: Record<string, unknown> | undefined;
  if (input === 'values') {
    const values = typedValue(trimmed);
    if (Object.keys(values).length === 0) {
      run.reportMalformed(line, 'not an IP address, domain, URL, e-mail address or hash', name);
      return undefined;
    }
    event = { values };
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      run.reportMalformed(line, `not JSON: ${(error as Error).message}`, name);
      return undefined;
    }
    if (!isRecord(parsed)) {
      run.reportMalformed(line, 'not a JSON object', name);
      return undefined;
    }
    record = parsed;
    event = recordToEvent(parsed, fieldMap!, scratch);
  }
  return matchEvent(run, event, line, input === 'values' ? trimmed : record, name);
}

/**
 * The per-record step of `matchLines`: one mapped event (a typed value or a log record) through
 * the run's stream matcher, its matches emitted with the line and the value or record. Returns a
 * promise only when the consumer returned one, so a synchronous consumer costs no microtask per
 * event. The match benchmark times exactly this.
 */
export function matchEvent(
  run: MatchRun,
  event: MatchEvent,
  line: number,
  detail: string | Record<string, unknown> | undefined,
  source?: string,
): Promise<void> | undefined {
  run.countEvent();
  event.seq = line;
  const hits = run.stream.push(event);
  if (hits.length === 0) return undefined;
  const time = event.timeMs ?? (event.time === undefined ? undefined : Date.parse(event.time));
  let chain: Promise<void> | undefined;
  for (const hit of hits) {
    const record = matchWhere(hit, line, detail, source);
    chain = chain === undefined ? run.emit(hit, record, time) : chain.then(() => run.emit(hit, record, time));
  }
  return chain;
}
