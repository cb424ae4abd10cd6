/**
 * Typed AST for STIX 2.1 patterns. Nodes carry an optional `span` (source offsets) for error
 * reporting; structural equality of two ASTs ignores spans.
 */
export interface Span {
  start: number;
  end: number;
}

export type Constant =
  | { kind: 'string'; value: string; span?: Span }
  | { kind: 'int'; value: number; span?: Span }
  | { kind: 'float'; value: number; span?: Span }
  | { kind: 'bool'; value: boolean; span?: Span }
  /** `b'...'`: the base64 text as written. */
  | { kind: 'binary'; value: string; span?: Span }
  /** `h'...'`: the hex digits as written. */
  | { kind: 'hex'; value: string; span?: Span }
  /** `t'...'`: the RFC 3339 text as written (already checked against the grammar). */
  | { kind: 'timestamp'; value: string; span?: Span };

export type PathStep =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  /** `[*]`: any element of a list. */
  | { kind: 'any' };

export interface ObjectPath {
  objectType: string;
  /** The first step is always a key (the property after the colon). */
  steps: PathStep[];
  span?: Span;
}

/** Every comparison operator; `EXISTS` is written before its path, the others between path and value. */
export const COMPARISON_OPERATORS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'IN',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'EXISTS',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export interface Comparison {
  type: 'comparison';
  path: ObjectPath;
  operator: ComparisonOperator;
  negated: boolean;
  /** One constant; a list for IN; null for EXISTS. */
  value: Constant | Constant[] | null;
  span?: Span;
}

export interface ComparisonLogic {
  type: 'and' | 'or';
  /** Two or more operands, a left-associative chain. */
  operands: ComparisonExpr[];
}

export type ComparisonExpr = Comparison | ComparisonLogic;

export interface ObservationSimple {
  type: 'observation';
  expr: ComparisonExpr;
  /** Written as `([...])`: kept only so validation can tell it apart (qualifier rules). */
  parenthesized?: true;
  span?: Span;
}

export interface ObservationLogic {
  type: 'and' | 'or' | 'followedby';
  /** Two or more operands, a left-associative chain. */
  operands: ObservationExpr[];
}

export type Qualifier =
  | { kind: 'within'; seconds: number; span?: Span }
  | { kind: 'repeats'; times: number; span?: Span }
  | { kind: 'startstop'; start: string; stop: string; span?: Span };

export interface ObservationQualified {
  type: 'qualified';
  expr: ObservationExpr;
  qualifier: Qualifier;
  /** Written inside `( ... )`: a new qualifier chain starts outside it. */
  parenthesized?: true;
}

export type ObservationExpr = ObservationSimple | ObservationLogic | ObservationQualified;

export interface Pattern {
  expr: ObservationExpr;
}

export interface PatternError {
  message: string;
  /** 0-based offset into the pattern text (UTF-16 units). */
  offset: number;
  /** 1-based line and column. */
  line: number;
  column: number;
  /** What the parser would have accepted here (empty for semantic errors). */
  expected: string[];
}

export type ParseResult = { ok: true; ast: Pattern } | { ok: false; error: PatternError };
