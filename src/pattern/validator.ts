import type {
  Comparison,
  ComparisonExpr,
  Constant,
  ObservationExpr,
  ObservationQualified,
  PatternError,
  Qualifier,
  Span,
} from './ast.js';
import { isCidrOrAddress } from './cidr.js';
import { parsePattern } from './parser.js';
import { errorAt } from './position.js';
import { compileSafeRegex } from './safe-regex.js';
import { HASH_HEX_LENGTH, SCO_PROPERTIES } from './sco-properties.js';
import { checkTimestamp, compareInstants, parseTimestamp } from './timestamp.js';

export interface ValidationReport {
  valid: boolean;
  errors: PatternError[];
  warnings: PatternError[];
}

const HEX = /^[0-9A-Fa-f]*$/;

class Checker {
  readonly errors: PatternError[] = [];
  readonly warnings: PatternError[] = [];

  constructor(private readonly src: string) {}

  error(span: Span | undefined, message: string): void {
    this.errors.push(errorAt(this.src, span?.start ?? 0, message));
  }

  warn(span: Span | undefined, message: string): void {
    this.warnings.push(errorAt(this.src, span?.start ?? 0, message));
  }

  observation(e: ObservationExpr): void {
    switch (e.type) {
      case 'observation':
        this.comparisonExpr(e.expr);
        return;
      case 'qualified':
        this.qualifierChain(e);
        return;
      default:
        e.operands.forEach((o) => {
          this.observation(o);
        });
    }
  }

  /** A run of qualifiers on one bare `[...]` may not repeat a kind (the reference validator's rule). */
  private qualifierChain(e: ObservationQualified): void {
    const kinds: string[] = [];
    let link: ObservationQualified = e;
    let base: ObservationExpr;
    for (;;) {
      this.qualifier(link.qualifier);
      kinds.push(link.qualifier.kind);
      base = link.expr;
      if (base.type !== 'qualified' || base.parenthesized) break;
      link = base;
    }
    if (base.type === 'observation' && !base.parenthesized) {
      const dup = kinds.find((k, i) => kinds.indexOf(k) !== i);
      if (dup) this.error(e.qualifier.span, `duplicate qualifier type: ${dup.toUpperCase()}`);
    }
    this.observation(base);
  }

  private qualifier(q: Qualifier): void {
    if (q.kind === 'repeats' && q.times < 1) this.error(q.span, 'REPEATS count must be at least 1');
    if (q.kind === 'within' && !(q.seconds > 0))
      this.error(q.span, 'WITHIN must be a positive number of seconds');
    if (q.kind === 'startstop') {
      const [a, b] = [parseTimestamp(q.start), parseTimestamp(q.stop)];
      if (a && b && compareInstants(a, b) >= 0) this.error(q.span, 'START must be earlier than STOP');
      for (const t of [q.start, q.stop]) {
        if (!checkTimestamp(t).calendar) this.warn(q.span, `timestamp ${t} names a day that does not exist`);
      }
    }
  }

  private comparisonExpr(e: ComparisonExpr): void {
    if (e.type === 'comparison') this.comparison(e);
    else
      e.operands.forEach((o) => {
        this.comparisonExpr(o);
      });
  }

  private comparison(c: Comparison): void {
    const { objectType, steps } = c.path;
    const table = SCO_PROPERTIES[objectType];
    const first = steps[0];
    const prop = first?.kind === 'key' ? first.key : '';
    if (!table) {
      if (!objectType.startsWith('x-'))
        this.warn(c.path.span, `'${objectType}' is not a STIX 2.1 cyber-observable type`);
    } else if (!Object.hasOwn(table, prop) && !prop.startsWith('x_')) {
      this.warn(c.path.span, `'${prop}' is not a property of ${objectType}`);
    }
    steps.forEach((s) => {
      if (s.kind === 'index' && s.index < 0) this.warn(c.path.span, 'negative list index never matches');
    });
    const values = Array.isArray(c.value) ? c.value : c.value ? [c.value] : [];
    for (const v of values) this.constant(v);
    const propType = table?.[prop];
    if (propType && propType !== 'any' && steps.length === 1 && c.operator !== 'EXISTS') {
      for (const v of values) this.fit(v, propType, `${objectType}:${prop}`);
    }
    if (c.operator === 'IN' && new Set(values.map((v) => (v.kind === 'float' ? 'int' : v.kind))).size > 1) {
      this.error(c.span, 'IN (...) constants must all have the same type');
    }
    if ((c.operator === 'ISSUBSET' || c.operator === 'ISSUPERSET') && values[0]) {
      const v = values[0];
      if (v.kind !== 'string' || !isCidrOrAddress(v.value))
        this.error(v.span, `${c.operator} needs a CIDR or IP address string`);
    }
    if (c.operator === 'MATCHES' && values[0]?.kind === 'string') {
      const r = compileSafeRegex(values[0].value);
      if (!r.ok) this.error(values[0].span, r.message);
    }
    this.hashValue(c, values);
  }

  private hashValue(c: Comparison, values: Constant[]): void {
    const steps = c.path.steps;
    const algo = steps.at(-1);
    const parent = steps.at(-2);
    if (algo?.kind !== 'key' || parent?.kind !== 'key' || parent.key !== 'hashes') return;
    if (c.operator !== '=' && c.operator !== '!=' && c.operator !== 'IN') return;
    const len = HASH_HEX_LENGTH[algo.key.toUpperCase()];
    if (len === undefined) return;
    for (const v of values) {
      if (v.kind === 'string' && (v.value.length !== len || !HEX.test(v.value))) {
        this.error(v.span, `'${v.value}' is not a valid ${algo.key} hash`);
      }
    }
  }

  private constant(v: Constant): void {
    if (v.kind === 'timestamp' && !checkTimestamp(v.value).calendar) {
      this.warn(v.span, `timestamp ${v.value} names a day that does not exist`);
    }
    if ((v.kind === 'int' || v.kind === 'float') && !Number.isFinite(v.value)) {
      this.error(v.span, 'number out of range');
    }
  }

  private fit(v: Constant, type: string, where: string): void {
    const ok =
      type === 'int'
        ? v.kind === 'int'
        : type === 'float'
          ? v.kind === 'int' || v.kind === 'float'
          : type === 'bool'
            ? v.kind === 'bool'
            : v.kind === 'timestamp';
    if (!ok) this.warn(v.span, `${where} holds ${type === 'ts' ? 'timestamp' : type} values, not ${v.kind}`);
  }
}

/** Parse errors plus semantic checks. Unknown types/properties and type mismatches are warnings. */
export function validatePattern(src: string): ValidationReport {
  const parsed = parsePattern(src);
  if (!parsed.ok) return { valid: false, errors: [parsed.error], warnings: [] };
  const checker = new Checker(src);
  try {
    checker.observation(parsed.ast.expr);
  } catch (e) {
    checker.error(undefined, `validation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { valid: checker.errors.length === 0, errors: checker.errors, warnings: checker.warnings };
}
