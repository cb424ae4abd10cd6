import type { ComparisonExpr, Constant, ObjectPath, ObservationExpr, Pattern, Qualifier } from './ast.js';
import { KEYWORDS as LEXER_KEYWORDS } from './lexer.js';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
// A key spelt like a keyword or a boolean must be quoted to read back as a key.
const KEYWORDS = new Set<string>([...LEXER_KEYWORDS, 'true', 'false']);

export function quoteString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function printKey(key: string): string {
  return PLAIN_KEY.test(key) && !KEYWORDS.has(key) ? key : quoteString(key);
}

/** The property path after the colon, as text: `value`, `hashes.'SHA-256'`, `sections[*].entropy`. */
export function printPathSteps(path: ObjectPath): string {
  let out = '';
  path.steps.forEach((s, i) => {
    if (s.kind === 'key') out += (i === 0 ? '' : '.') + printKey(s.key);
    else if (s.kind === 'index') out += `[${s.index}]`;
    else out += '[*]';
  });
  return out;
}

export function printPath(path: ObjectPath): string {
  return `${path.objectType}:${printPathSteps(path)}`;
}

/** Rewrites `1.5e-7` / `2e+21` as plain decimals: the grammar has no exponent form. */
function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const digits = int + frac;
  const point = int.length + Number(expText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function printNumber(n: number, float: boolean): string {
  const s = expandExponent(String(n));
  if (!float) return s;
  // Floats need a '.' to stay floats.
  return s.includes('.') ? s : `${s}.0`;
}

export function printConstant(c: Constant): string {
  switch (c.kind) {
    case 'string':
      return quoteString(c.value);
    case 'int':
      return printNumber(c.value, false);
    case 'float':
      return printNumber(c.value, true);
    case 'bool':
      return String(c.value);
    case 'binary':
      return `b'${c.value}'`;
    case 'hex':
      return `h'${c.value}'`;
    case 'timestamp':
      return `t'${c.value}'`;
  }
}

const CMP_PREC = { or: 1, and: 2 } as const;

export function printComparison(e: ComparisonExpr): string {
  if (e.type !== 'comparison') {
    return e.operands
      .map((o, i) => {
        const text = printComparison(o);
        const paren =
          o.type !== 'comparison' && (CMP_PREC[o.type] < CMP_PREC[e.type] || (o.type === e.type && i > 0));
        return paren ? `(${text})` : text;
      })
      .join(` ${e.type.toUpperCase()} `);
  }
  const path = printPath(e.path);
  if (e.operator === 'EXISTS') return `EXISTS ${path}`;
  const not = e.negated ? 'NOT ' : '';
  const value = Array.isArray(e.value)
    ? `(${e.value.map(printConstant).join(', ')})`
    : e.value
      ? printConstant(e.value)
      : '';
  return `${path} ${not}${e.operator} ${value}`;
}

function printQualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${printNumber(q.seconds, !Number.isInteger(q.seconds))} SECONDS`;
    case 'repeats':
      return `REPEATS ${q.times} TIMES`;
    case 'startstop':
      return `START t'${q.start}' STOP t'${q.stop}'`;
  }
}

const OBS_PREC = { followedby: 1, or: 2, and: 3 } as const;

function printObservation(e: ObservationExpr): string {
  switch (e.type) {
    case 'observation': {
      const text = `[${printComparison(e.expr)}]`;
      return e.parenthesized ? `(${text})` : text;
    }
    case 'qualified': {
      const inner = printObservation(e.expr);
      const paren = e.expr.type === 'and' || e.expr.type === 'or' || e.expr.type === 'followedby';
      const text = `${paren ? `(${inner})` : inner} ${printQualifier(e.qualifier)}`;
      return e.parenthesized ? `(${text})` : text;
    }
    default:
      return e.operands
        .map((o, i) => {
          const text = printObservation(o);
          const logic = o.type === 'and' || o.type === 'or' || o.type === 'followedby';
          const paren = logic && (OBS_PREC[o.type] < OBS_PREC[e.type] || (o.type === e.type && i > 0));
          return paren ? `(${text})` : text;
        })
        .join(` ${e.type.toUpperCase()} `);
  }
}

/** Prints an AST back to canonical pattern text; parsePattern(printPattern(ast)) gives the same AST. */
export function printPattern(ast: Pattern): string {
  return printObservation(ast.expr);
}
