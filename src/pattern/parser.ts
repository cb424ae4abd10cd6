import type {
  Comparison,
  ComparisonExpr,
  ComparisonOperator,
  Constant,
  ObjectPath,
  ObservationExpr,
  ParseResult,
  PathStep,
  PatternError,
  Qualifier,
} from './ast.js';
import { lex } from './lexer.js';
import type { Keyword, Punct, Token } from './lexer.js';
import { errorAt } from './position.js';

/** Deeper nesting than this is refused, so hostile input cannot overflow the stack. */
export const MAX_DEPTH = 64;
/** Longer patterns are refused outright: no real indicator comes near this. */
export const MAX_PATTERN_LENGTH = 256 * 1024;

class Failure extends Error {
  constructor(readonly error: PatternError) {
    super(error.message);
  }
}

const ORDER_OPS = new Set<string>(['<', '<=', '>', '>=']);
const LITERAL_KINDS = new Set(['int', 'float', 'string', 'bool', 'binary', 'hex', 'timestamp']);

/** Recursive-descent parser over the token list. Precedence: FOLLOWEDBY < OR < AND < qualifiers. */
class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[Math.min(this.pos, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private fail(t: Token, expected: string[], message?: string): never {
    const found = t.kind === 'eof' ? 'end of pattern' : `'${t.text}'`;
    const msg = message ?? `unexpected ${found}, expected ${expected.join(' or ')}`;
    throw new Failure(errorAt(this.src, t.start, msg, expected));
  }

  private isPunct(p: Punct): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.value === p;
  }

  private isKeyword(k: Keyword): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.value === k;
  }

  private expectPunct(p: Punct): Token {
    if (!this.isPunct(p)) this.fail(this.peek(), [`'${p}'`]);
    return this.next();
  }

  private expectKeyword(k: Keyword): Token {
    if (!this.isKeyword(k)) this.fail(this.peek(), [k]);
    return this.next();
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) this.fail(t, [], `nesting deeper than ${MAX_DEPTH} levels`);
  }

  parsePattern(): ObservationExpr {
    const expr = this.observationExpressions();
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t, ['AND', 'OR', 'FOLLOWEDBY', 'a qualifier', 'end of pattern']);
    return expr;
  }

  /** Left-associative chains become one n-ary node; a same-operator right operand stays nested. */
  private chain<T>(op: Keyword, operand: () => T, make: (operands: T[]) => T): T {
    const first = operand();
    if (!this.isKeyword(op)) return first;
    // `(a AND b) AND c` is the same left fold as `a AND b AND c`: flatten it.
    const head = make([first]);
    const operands: T[] = sameType(first, head) ? [...(first as { operands: T[] }).operands] : [first];
    while (this.isKeyword(op)) {
      this.next();
      operands.push(operand());
    }
    return make(operands);
  }

  private observationExpressions(): ObservationExpr {
    return this.chain<ObservationExpr>(
      'FOLLOWEDBY',
      () => this.observationOr(),
      (operands) => ({ type: 'followedby', operands }),
    );
  }

  private observationOr(): ObservationExpr {
    return this.chain<ObservationExpr>(
      'OR',
      () => this.observationAnd(),
      (operands) => ({ type: 'or', operands }),
    );
  }

  private observationAnd(): ObservationExpr {
    return this.chain<ObservationExpr>(
      'AND',
      () => this.observationQualified(),
      (operands) => ({ type: 'and', operands }),
    );
  }

  private observationQualified(): ObservationExpr {
    let expr = this.observationPrimary();
    for (;;) {
      const q = this.qualifier();
      if (!q) return expr;
      expr = { type: 'qualified', expr, qualifier: q };
    }
  }

  private observationPrimary(): ObservationExpr {
    const t = this.peek();
    if (this.isPunct('[')) {
      this.enter(t);
      this.next();
      const expr = this.comparisonOr();
      const close = this.peek();
      if (!this.isPunct(']')) this.fail(close, ['AND', 'OR', "']'"]);
      this.next();
      this.depth--;
      return { type: 'observation', expr, span: { start: t.start, end: close.end } };
    }
    if (this.isPunct('(')) {
      this.enter(t);
      this.next();
      const inner = this.observationExpressions();
      const close = this.peek();
      if (!this.isPunct(')')) this.fail(close, ['AND', 'OR', 'FOLLOWEDBY', 'a qualifier', "')'"]);
      this.next();
      this.depth--;
      if (inner.type === 'observation' || inner.type === 'qualified')
        return { ...inner, parenthesized: true };
      return inner;
    }
    return this.fail(t, ["'['", "'('"]);
  }

  private qualifier(): Qualifier | null {
    const t = this.peek();
    if (this.isKeyword('WITHIN')) {
      this.next();
      const n = this.peek();
      if ((n.kind !== 'int' && n.kind !== 'float') || n.text.startsWith('-')) {
        this.fail(n, ['a positive number of seconds']);
      }
      this.next();
      const end = this.expectKeyword('SECONDS').end;
      return { kind: 'within', seconds: n.value, span: { start: t.start, end } };
    }
    if (this.isKeyword('REPEATS')) {
      this.next();
      const n = this.peek();
      if (n.kind !== 'int' || n.text.startsWith('-')) this.fail(n, ['a positive integer']);
      this.next();
      const end = this.expectKeyword('TIMES').end;
      return { kind: 'repeats', times: n.value, span: { start: t.start, end } };
    }
    if (this.isKeyword('START')) {
      this.next();
      const a = this.peek();
      if (a.kind !== 'timestamp') this.fail(a, ["a timestamp t'...'"]);
      this.next();
      this.expectKeyword('STOP');
      const b = this.peek();
      if (b.kind !== 'timestamp') this.fail(b, ["a timestamp t'...'"]);
      this.next();
      return { kind: 'startstop', start: a.value, stop: b.value, span: { start: t.start, end: b.end } };
    }
    return null;
  }

  private comparisonOr(): ComparisonExpr {
    return this.chain<ComparisonExpr>(
      'OR',
      () => this.comparisonAnd(),
      (operands) => ({ type: 'or', operands }),
    );
  }

  private comparisonAnd(): ComparisonExpr {
    return this.chain<ComparisonExpr>(
      'AND',
      () => this.propTest(),
      (operands) => ({ type: 'and', operands }),
    );
  }

  private propTest(): ComparisonExpr {
    const t = this.peek();
    if (this.isPunct('(')) {
      this.enter(t);
      this.next();
      const inner = this.comparisonOr();
      if (!this.isPunct(')')) this.fail(this.peek(), ['AND', 'OR', "')'"]);
      this.next();
      this.depth--;
      return inner;
    }
    if (this.isKeyword('EXISTS')) {
      this.next();
      const path = this.objectPath();
      return {
        type: 'comparison',
        path,
        operator: 'EXISTS',
        negated: false,
        value: null,
        span: span(t, path),
      };
    }
    const path = this.objectPath();
    let negated = false;
    if (this.isKeyword('NOT')) {
      this.next();
      negated = true;
    }
    const op = this.peek();
    const done = (operator: ComparisonOperator, value: Constant | Constant[], end: number): Comparison => ({
      type: 'comparison',
      path,
      operator,
      negated,
      value,
      span: { start: t.start, end },
    });
    if (op.kind === 'punct' && (op.value === '=' || op.value === '!=')) {
      this.next();
      const v = this.literal(true);
      return done(op.value, v, v.span?.end ?? op.end);
    }
    if (op.kind === 'punct' && ORDER_OPS.has(op.value)) {
      this.next();
      const v = this.literal(false);
      return done(op.value as ComparisonOperator, v, v.span?.end ?? op.end);
    }
    if (op.kind === 'keyword' && op.value === 'IN') {
      this.next();
      this.expectPunct('(');
      const items: Constant[] = [];
      if (!this.isPunct(')')) {
        items.push(this.literal(true));
        while (this.isPunct(',')) {
          this.next();
          items.push(this.literal(true));
        }
      }
      const close = this.peek();
      if (!this.isPunct(')')) this.fail(close, ["','", "')'"]);
      this.next();
      return done('IN', items, close.end);
    }
    if (
      op.kind === 'keyword' &&
      (op.value === 'LIKE' || op.value === 'MATCHES' || op.value === 'ISSUBSET' || op.value === 'ISSUPERSET')
    ) {
      this.next();
      const s = this.peek();
      if (s.kind !== 'string') this.fail(s, ['a string']);
      this.next();
      return done(op.value, { kind: 'string', value: s.value, span: { start: s.start, end: s.end } }, s.end);
    }
    return this.fail(op, [
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
      ...(negated ? [] : ['NOT']),
    ]);
  }

  private literal(allowBool: boolean): Constant {
    const t = this.peek();
    const expected = [
      'a string',
      'a number',
      "h'..'",
      "b'..'",
      "t'..'",
      ...(allowBool ? ['true', 'false'] : []),
    ];
    if (!LITERAL_KINDS.has(t.kind) || (t.kind === 'bool' && !allowBool)) this.fail(t, expected);
    this.next();
    const sp = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'int':
        return { kind: 'int', value: t.value, span: sp };
      case 'float':
        return { kind: 'float', value: t.value, span: sp };
      case 'string':
        return { kind: 'string', value: t.value, span: sp };
      case 'bool':
        return { kind: 'bool', value: t.value, span: sp };
      case 'binary':
      case 'hex':
      case 'timestamp':
        return { kind: t.kind, value: t.value, span: sp };
      default:
        return this.fail(t, expected);
    }
  }

  private objectPath(): ObjectPath {
    const t = this.peek();
    if (t.kind !== 'ident') this.fail(t, ['an object type']);
    this.next();
    if (!this.isPunct(':')) this.fail(this.peek(), ["':'"]);
    this.next();
    const steps: PathStep[] = [{ kind: 'key', key: this.propertyName() }];
    let end = this.tokens[this.pos - 1]?.end ?? t.end;
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        steps.push({ kind: 'key', key: this.propertyName() });
      } else if (this.isPunct('[')) {
        this.next();
        const n = this.peek();
        if (n.kind === 'int') steps.push({ kind: 'index', index: n.value });
        else if (n.kind === 'punct' && n.value === '*') steps.push({ kind: 'any' });
        else this.fail(n, ['an integer', "'*'"]);
        this.next();
        this.expectPunct(']');
      } else break;
      end = this.tokens[this.pos - 1]?.end ?? end;
    }
    return { objectType: t.value, steps, span: { start: t.start, end } };
  }

  private propertyName(): string {
    const t = this.peek();
    if (t.kind === 'string' || (t.kind === 'ident' && !t.hyphen)) {
      this.next();
      return t.value;
    }
    const hint = t.kind === 'ident' ? `property name '${t.text}' contains '-': quote it` : undefined;
    return this.fail(t, ['a property name', 'a quoted property name'], hint);
  }
}

function sameType(a: unknown, b: unknown): boolean {
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    'operands' in a &&
    'type' in a &&
    'type' in b &&
    a.type === b.type
  );
}

function span(t: Token, path: ObjectPath): { start: number; end: number } {
  return { start: t.start, end: path.span?.end ?? t.end };
}

/** Parses a STIX 2.1 pattern into a typed AST. Never throws. */
export function parsePattern(src: string): ParseResult {
  if (typeof src !== 'string') {
    return { ok: false, error: errorAt('', 0, 'pattern must be a string') };
  }
  if (src.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      error: errorAt(src, MAX_PATTERN_LENGTH, `pattern longer than ${MAX_PATTERN_LENGTH} characters`),
    };
  }
  const lexed = lex(src);
  if (!lexed.ok) return lexed;
  try {
    return { ok: true, ast: { expr: new Parser(src, lexed.tokens).parsePattern() } };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: errorAt(src, 0, `internal parser error: ${message}`) };
  }
}
