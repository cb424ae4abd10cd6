/** The three kinds of input `accord match` and `POST /api/v1/match` read. */
export const INPUT_KINDS = ['stix', 'jsonl', 'values'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** One match, as printed (one JSON line) and returned by the API. */
export interface MatchRecord {
  /** The file it came from (CLI, several files). */
  source?: string;
  /** 1-based line of the record or value that completed the match (jsonl, values). */
  line?: number;
  /** Every line that took part, when a pattern spans several records (FOLLOWEDBY, AND...). */
  lines?: number[];
  value?: string;
  /** The log record (jsonl). */
  event?: unknown;
  /** Ids of the observed-data that matched (stix). */
  observed_data?: string[];
  indicator: { id: string; name: string | null };
  owner_org: string;
  owner_name: string;
  tlp: string | null;
}

export interface MalformedLine {
  source?: string;
  line: number;
  error: string;
}

export interface MatchSummary {
  input: InputKind;
  /** Indicators in the caller's index, and those left out (warninglisted values, unparsable patterns). */
  indicators: number;
  skipped: { warninglisted: number; invalid: number };
  /** Records, values or observations read. */
  events: number;
  matches: number;
  /** Distinct indicators that matched. */
  matched_indicators: number;
  malformed: number;
  /** The first malformed lines, with why (all are counted in `malformed`). */
  malformed_lines: MalformedLine[];
}

export const MAX_REPORTED_MALFORMED = 100;
