import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Comparison,
  ComparisonExpr,
  Constant,
  ObservationExpr,
  PathStep,
  Pattern,
  Qualifier,
} from './ast.js';
import { COMPARISON_OPERATORS } from './ast.js';
import { evaluatePattern } from './evaluator.js';
import { parsePattern } from './parser.js';
import { printPattern } from './printer.js';
import { validatePattern } from './validator.js';
import { OBSERVATIONS } from './conformance/fixture.js';
import { VALID } from './conformance/validity-cases.js';

/** Deep copy without `span` keys, so ASTs compare by structure. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'span')
        .map(([k, x]) => [k, strip(x)]),
    );
  }
  return v;
}

const ident = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/).filter((s) => s !== 'true' && s !== 'false');
const typeName = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const timestamp = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const constant: fc.Arbitrary<Constant> = fc.oneof(
  fc.string({ maxLength: 12 }).map((value) => ({ kind: 'string' as const, value })),
  fc
    .integer({ min: -1e9, max: 1e9 })
    .filter((n) => !Object.is(n, -0))
    .map((value) => ({ kind: 'int' as const, value })),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Object.is(n, -0))
    .map((value) => ({ kind: 'float' as const, value })),
  fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
  fc
    .uint8Array({ maxLength: 8 })
    .map((b) => ({ kind: 'hex' as const, value: Buffer.from(b).toString('hex') })),
  fc
    .uint8Array({ maxLength: 8 })
    .map((b) => ({ kind: 'binary' as const, value: Buffer.from(b).toString('base64') })),
  timestamp.map((value) => ({ kind: 'timestamp' as const, value })),
);

const step: fc.Arbitrary<PathStep> = fc.oneof(
  ident.map((key) => ({ kind: 'key' as const, key })),
  fc.string({ minLength: 1, maxLength: 6 }).map((key) => ({ kind: 'key' as const, key })),
  fc.nat(20).map((index) => ({ kind: 'index' as const, index })),
  fc.constant({ kind: 'any' as const }),
);

const comparison: fc.Arbitrary<Comparison> = fc
  .record({
    objectType: typeName,
    first: fc.oneof(ident, fc.string({ minLength: 1, maxLength: 6 })),
    rest: fc.array(step, { maxLength: 3 }),
    negated: fc.boolean(),
    op: fc.constantFrom(...COMPARISON_OPERATORS),
    value: constant,
    set: fc.array(constant, { maxLength: 3 }),
    text: fc.string({ maxLength: 8 }),
  })
  .map(({ objectType, first, rest, negated, op, value, set, text }): Comparison => {
    const path = { objectType, steps: [{ kind: 'key' as const, key: first }, ...rest] };
    if (op === 'EXISTS') return { type: 'comparison', path, operator: op, negated: false, value: null };
    if (op === 'IN') return { type: 'comparison', path, operator: op, negated, value: set };
    if (op === 'LIKE' || op === 'MATCHES' || op === 'ISSUBSET' || op === 'ISSUPERSET') {
      return { type: 'comparison', path, operator: op, negated, value: { kind: 'string', value: text } };
    }
    const v = op === '=' || op === '!=' || value.kind !== 'bool' ? value : { kind: 'int' as const, value: 1 };
    return { type: 'comparison', path, operator: op, negated, value: v };
  });

/** Canonical ASTs: chains are never nested in their own first operand (the parser flattens those). */
const { comparisonExpr } = fc.letrec<{ comparisonExpr: ComparisonExpr }>((tie) => ({
  comparisonExpr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc
      .record({
        type: fc.constantFrom('and' as const, 'or' as const),
        operands: fc.array(tie('comparisonExpr'), { minLength: 2, maxLength: 3 }),
      })
      .filter((e) => e.operands[0]!.type !== e.type),
  ),
}));

const qualifier: fc.Arbitrary<Qualifier> = fc.oneof(
  fc.integer({ min: 1, max: 1000 }).map((seconds) => ({ kind: 'within' as const, seconds })),
  fc.integer({ min: 1, max: 10 }).map((times) => ({ kind: 'repeats' as const, times })),
  fc.tuple(timestamp, timestamp).map(([start, stop]) => ({ kind: 'startstop' as const, start, stop })),
);

const { observationExpr } = fc.letrec<{ observationExpr: ObservationExpr }>((tie) => ({
  observationExpr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonExpr.map((expr) => ({ type: 'observation' as const, expr })),
    fc.record({ type: fc.constant('qualified' as const), expr: tie('observationExpr'), qualifier }),
    fc
      .record({
        type: fc.constantFrom('and' as const, 'or' as const, 'followedby' as const),
        operands: fc.array(tie('observationExpr'), { minLength: 2, maxLength: 3 }),
      })
      .filter((e) => e.operands[0]!.type !== e.type),
  ),
}));

const pattern: fc.Arbitrary<Pattern> = observationExpr.map((expr) => ({ expr }));

const tokens = [
  '[',
  ']',
  '(',
  ')',
  ':',
  '.',
  ',',
  '=',
  '!=',
  '<',
  '>=',
  '*',
  "'",
  "\\'",
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'IN',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'EXISTS',
  'WITHIN',
  'SECONDS',
  'REPEATS',
  'TIMES',
  'START',
  'STOP',
  "t'2024-01-01T00:00:00Z'",
  "h'ff'",
  "b'AA=='",
  'file',
  'name',
  "'x'",
  '5',
  '-1',
  '.5',
  'true',
  ' ',
  '/*',
  '*/',
];

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('parser and validator never throw and never hang', () => {
  it('random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = timed(() => [parsePattern(s), validatePattern(s)] as const);
        expect(r.ms).toBeLessThan(500);
        if (!r.value[0].ok) expect(r.value[0].error.offset).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('random token soups', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), (parts) => {
        const s = parts.join(' ');
        expect(() => validatePattern(s)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated valid patterns', () => {
    const seeds = VALID.map(([p]) => p);
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 3 }),
        (seed, a, b, ins) => {
          const i = a % (seed.length + 1);
          const j = Math.min(seed.length, i + (b % 4));
          const s = seed.slice(0, i) + ins + seed.slice(j);
          const r = timed(() => validatePattern(s));
          expect(r.ms).toBeLessThan(500);
          expect(typeof r.value.valid).toBe('boolean');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('deep nesting is an error, not a stack overflow', () => {
    for (const depth of [100, 10_000, 100_000]) {
      const deep = `${'('.repeat(depth)}[a:b = 1]${')'.repeat(depth)}`;
      const r = parsePattern(deep);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/nesting/);
      const inner = `[${'('.repeat(depth)}a:b = 1${')'.repeat(depth)}]`;
      expect(parsePattern(inner).ok).toBe(false);
    }
    expect(parsePattern(`${'('.repeat(30)}[a:b = 1]${')'.repeat(30)}`).ok).toBe(true);
  });

  it('long flat chains parse without recursion trouble', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => `[a:b = ${i}]`).join(' AND ');
    expect(parsePattern(chain).ok).toBe(true);
  });
});

describe('printPattern round trip', () => {
  it('parse(print(ast)) gives the same AST', () => {
    fc.assert(
      fc.property(pattern, (ast) => {
        const text = printPattern(ast);
        const parsed = parsePattern(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
        expect(strip(parsed.ast)).toEqual(strip(ast));
      }),
      { numRuns: 1500 },
    );
  });

  it('print is a fixpoint on the conformance patterns', () => {
    for (const [p] of VALID) {
      const a = parsePattern(p);
      if (!a.ok) throw new Error(p);
      const printed = printPattern(a.ast);
      const b = parsePattern(printed);
      expect(b.ok && strip(b.ast)).toEqual(strip(a.ast));
    }
  });

  it('evaluating generated patterns never throws', () => {
    fc.assert(
      fc.property(pattern, (ast) => {
        const r = timed(() => evaluatePattern(ast, OBSERVATIONS, { budget: 20_000 }));
        expect(typeof r.value.matched).toBe('boolean');
        expect(r.ms).toBeLessThan(2000);
      }),
      { numRuns: 300 },
    );
  });
});

describe('MATCHES cannot hang on evil regular expressions', () => {
  const subject = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!';
  const evil = [
    '(a+)+$',
    '(a*)*$',
    '(a|a)*$',
    '(a|aa)+$',
    '(.*a){20}',
    '([a-z]+)*$',
    '(\\\\w+\\\\s?)*$',
    '((a+))+$',
  ];
  it.each(evil)('%s is refused by the validator and by the evaluator, fast', (re) => {
    const src = `[x-t:s MATCHES '${re}']`;
    expect(validatePattern(src).valid).toBe(false);
    const parsed = parsePattern(src);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const obs = [
      {
        id: 'o',
        first_observed: '2024-01-01T00:00:00Z',
        last_observed: '2024-01-01T00:00:00Z',
        number_observed: 1,
        objects: { '0': { type: 'x-t', s: subject } },
      },
    ];
    const r = timed(() => evaluatePattern(parsed.ast, obs));
    expect(r.ms).toBeLessThan(200);
    expect(r.value.matched).toBe(false);
    expect(r.value.error).toMatch(/refused/);
  });

  it('a safe regex over a long subject still answers', () => {
    const parsed = parsePattern("[x-t:s MATCHES 'a+!$']");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const obs = [
      {
        id: 'o',
        first_observed: '2024-01-01T00:00:00Z',
        last_observed: '2024-01-01T00:00:00Z',
        number_observed: 1,
        objects: { '0': { type: 'x-t', s: subject } },
      },
    ];
    expect(evaluatePattern(parsed.ast, obs).matched).toBe(true);
  });
});
