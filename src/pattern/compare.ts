import type { Comparison, Constant } from './ast.js';
import { base64ToBytes, bytesToLatin1, compareBytes, hexToBytes, latin1ToBytes } from './binary.js';
import { netWithin, parseNet } from './cidr.js';
import { EvalError } from './eval-error.js';
import { likeToRegExp } from './like.js';
import { compileSafeRegex, MAX_SUBJECT } from './safe-regex.js';
import { compareInstants, parseTimestamp } from './timestamp.js';
import type { Instant } from './timestamp.js';

/** A constant in evaluable form. */
type CVal =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'ts'; v: Instant };

export type Predicate = (value: unknown) => boolean;

function toCVal(c: Constant): CVal {
  switch (c.kind) {
    case 'int':
    case 'float':
      return { t: 'num', v: c.value };
    case 'string':
      return { t: 'str', v: c.value };
    case 'bool':
      return { t: 'bool', v: c.value };
    case 'binary':
    case 'hex': {
      const bytes = c.kind === 'hex' ? hexToBytes(c.value) : base64ToBytes(c.value);
      if (!bytes) throw new EvalError(`invalid ${c.kind} constant: ${c.value}`);
      return { t: 'bytes', v: bytes };
    }
    case 'timestamp': {
      const ts = parseTimestamp(c.value);
      if (!ts) throw new EvalError(`invalid timestamp constant: ${c.value}`);
      return { t: 'ts', v: ts };
    }
  }
}

/** Brings a JSON value to the constant's domain; timestamps in JSON strings must be valid. */
function coerce(value: unknown, c: CVal): unknown {
  if (c.t === 'ts' && typeof value === 'string') {
    const ts = parseTimestamp(value);
    if (!ts) throw new EvalError(`Invalid timestamp in JSON: ${value}`);
    return ts;
  }
  return value;
}

/** Ordering of a value against a constant; null when the two are not comparable. */
function order(value: unknown, c: CVal, fold: boolean): number | null {
  const v = coerce(value, c);
  switch (c.t) {
    case 'num':
      return typeof v === 'number' ? v - c.v : null;
    case 'bool':
      return typeof v === 'boolean' ? Number(v) - Number(c.v) : null;
    case 'ts':
      return typeof v === 'object' && v !== null && 'ms' in v ? compareInstants(v as Instant, c.v) : null;
    case 'str': {
      if (typeof v === 'string') {
        const [a, b] = fold ? [v.toLowerCase(), c.v.toLowerCase()] : [v, c.v];
        return a < b ? -1 : a > b ? 1 : 0;
      }
      if (v instanceof Uint8Array) {
        const s = latin1ToBytes(c.v);
        return s ? compareBytes(v, s) : null;
      }
      return null;
    }
    case 'bytes': {
      if (v instanceof Uint8Array) return compareBytes(v, c.v);
      if (typeof v === 'string') {
        const b = latin1ToBytes(v);
        return b ? compareBytes(b, c.v) : null;
      }
      return null;
    }
  }
}

/** Text view of a value for LIKE/MATCHES: NFC strings, binary as one char per byte. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.normalize('NFC');
  if (value instanceof Uint8Array) return bytesToLatin1(value);
  return null;
}

function homogeneous(items: CVal[]): boolean {
  return items.every((i) => i.t === items[0]?.t);
}

/**
 * Compiles one comparison into a predicate over a single JSON value reached by its path.
 * `caseFold` makes string equality case-insensitive (used for hash values).
 */
export function compilePredicate(cmp: Comparison, caseFold = false): Predicate {
  const not = cmp.negated;
  const single = (): CVal => {
    if (!cmp.value || Array.isArray(cmp.value)) throw new EvalError(`${cmp.operator} needs one constant`);
    return toCVal(cmp.value);
  };
  const text = (): string => {
    const c = single();
    if (c.t !== 'str') throw new EvalError(`${cmp.operator} needs a string`);
    return c.v;
  };
  switch (cmp.operator) {
    case 'EXISTS':
      return (v) => v !== null && v !== undefined;
    case '=':
    case '!=': {
      const c = single();
      const want = (cmp.operator === '=') !== not;
      return (v) => (order(v, c, caseFold) === 0) === want;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const c = single();
      const op = cmp.operator;
      return (v) => {
        const d = order(v, c, false);
        const r = d !== null && (op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0);
        return r !== not;
      };
    }
    case 'IN': {
      const items = (Array.isArray(cmp.value) ? cmp.value : []).map(toCVal);
      if (!homogeneous(items))
        throw new EvalError('Nonhomogenous set: constants in IN (...) must share one type');
      return (v) => items.some((c) => order(v, c, caseFold) === 0) !== not;
    }
    case 'LIKE': {
      const re = likeToRegExp(text());
      return (v) => {
        const s = textOf(v);
        return (s !== null && s.length <= MAX_SUBJECT && re.test(s)) !== not;
      };
    }
    case 'MATCHES': {
      const compiled = compileSafeRegex(text());
      if (!compiled.ok) throw new EvalError(compiled.message);
      const re = compiled.regex;
      return (v) => {
        const s = textOf(v);
        return (s !== null && s.length <= MAX_SUBJECT && re.test(s)) !== not;
      };
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const net = parseNet(text());
      if (!net) throw new EvalError(`${cmp.operator} needs an IP address or CIDR string`);
      const sub = cmp.operator === 'ISSUBSET';
      return (v) => {
        const other = typeof v === 'string' ? parseNet(v) : null;
        const r = other !== null && (sub ? netWithin(other, net) : netWithin(net, other));
        return r !== not;
      };
    }
  }
}
