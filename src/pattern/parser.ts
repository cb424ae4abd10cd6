import type { ObservationExpr, ParseResult, Qualifier } from './ast.js';
import { ComparisonParser } from './comparison-parser.js';
import { lex } from './lexer.js';
import { errorAt } from './position.js';
import { Failure } from './token-cursor.js';

export { MAX_DEPTH } from './token-cursor.js';
/** Longer patterns are refused outright: no real indicator comes near this. */
export const MAX_PATTERN_LENGTH = 256 * 1024;

/**
 * Recursive-descent parser over the token list: observation expressions and qualifiers here, what is
 * inside an observation in ComparisonParser. Precedence: FOLLOWEDBY < OR < AND < qualifiers.
 */
class Parser extends ComparisonParser {
  parsePattern(): ObservationExpr {
    const expr = this.observationExpressions();
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t, ['AND', 'OR', 'FOLLOWEDBY', 'a qualifier', 'end of pattern']);
    return expr;
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
}

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
