import type { PatternError } from './ast.js';
import type { Keyword, Punct, Token } from './lexer.js';
import { errorAt } from './position.js';

/** Deeper nesting than this is refused, so hostile input cannot overflow the stack. */
export const MAX_DEPTH = 64;

/** How the parser stops at the first error; `parsePattern` turns it into a result. */
export class Failure extends Error {
  constructor(readonly error: PatternError) {
    super(error.message);
  }
}

/** A position in the token list and the primitives every grammar rule is written with. */
export class TokenCursor {
  protected pos = 0;
  protected depth = 0;

  constructor(
    protected readonly src: string,
    protected readonly tokens: Token[],
  ) {}

  protected peek(): Token {
    return this.tokens[Math.min(this.pos, this.tokens.length - 1)]!;
  }

  protected next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  protected fail(t: Token, expected: string[], message?: string): never {
    const found = t.kind === 'eof' ? 'end of pattern' : `'${t.text}'`;
    const msg = message ?? `unexpected ${found}, expected ${expected.join(' or ')}`;
    throw new Failure(errorAt(this.src, t.start, msg, expected));
  }

  protected isPunct(p: Punct): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.value === p;
  }

  protected isKeyword(k: Keyword): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.value === k;
  }

  protected expectPunct(p: Punct): Token {
    if (!this.isPunct(p)) this.fail(this.peek(), [`'${p}'`]);
    return this.next();
  }

  protected expectKeyword(k: Keyword): Token {
    if (!this.isKeyword(k)) this.fail(this.peek(), [k]);
    return this.next();
  }

  protected enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) this.fail(t, [], `nesting deeper than ${MAX_DEPTH} levels`);
  }

  /** Left-associative chains become one n-ary node; a same-operator right operand stays nested. */
  protected chain<T>(op: Keyword, operand: () => T, make: (operands: T[]) => T): T {
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
