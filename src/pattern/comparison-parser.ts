import type {
  Comparison,
  ComparisonExpr,
  ComparisonOperator,
  Constant,
  ObjectPath,
  PathStep,
} from './ast.js';
import type { Token } from './lexer.js';
import { TokenCursor } from './token-cursor.js';
import { COMPARISON_OPERATORS } from './ast.js';

const ORDER_OPS = new Set<string>(['<', '<=', '>', '>=']);
const LITERAL_KINDS = new Set(['int', 'float', 'string', 'bool', 'binary', 'hex', 'timestamp']);

/** The grammar inside one observation `[...]`: comparisons, AND/OR, object paths and constants. */
export class ComparisonParser extends TokenCursor {
  protected comparisonOr(): ComparisonExpr {
    return this.chain<ComparisonExpr>(
      'OR',
      () => this.comparisonAnd(),
      (operands) => ({ type: 'or', operands }),
    );
  }

  protected comparisonAnd(): ComparisonExpr {
    return this.chain<ComparisonExpr>(
      'AND',
      () => this.propTest(),
      (operands) => ({ type: 'and', operands }),
    );
  }

  protected propTest(): ComparisonExpr {
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
      ...COMPARISON_OPERATORS.filter((o) => o !== 'EXISTS'),
      ...(negated ? [] : ['NOT']),
    ]);
  }

  protected literal(allowBool: boolean): Constant {
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

  protected objectPath(): ObjectPath {
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

  protected propertyName(): string {
    const t = this.peek();
    if (t.kind === 'string' || (t.kind === 'ident' && !t.hyphen)) {
      this.next();
      return t.value;
    }
    const hint = t.kind === 'ident' ? `property name '${t.text}' contains '-': quote it` : undefined;
    return this.fail(t, ['a property name', 'a quoted property name'], hint);
  }
}

function span(t: Token, path: ObjectPath): { start: number; end: number } {
  return { start: t.start, end: path.span?.end ?? t.end };
}
