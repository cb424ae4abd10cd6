/**
 * Finds where a JSON text stops being valid. Only called after `JSON.parse` failed (V8's messages do
 * not say where), so it favours clarity over speed. Returns the byte offset and what was expected.
 */
export function locateJsonError(text: string): { offset: number; expected: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new LocatedError(i, expected);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`'${word}'`);
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a control character escaped inside a string');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail('four hex digits after \\u');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        }
      } else i++;
    }
    fail('a closing quote "');
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null) fail('a value');
    i += m![0].length;
  };
  // Iterative over an explicit stack so 10,000-deep input cannot overflow ours.
  const stack: Array<'{' | '['> = [];
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        return 'closed';
      }
      if (c === '{') key();
      return 'opened';
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(c === undefined ? 'a value (the input ends too early)' : 'a value');
    return 'scalar';
  };
  const key = () => {
    ws();
    if (text[i] !== '"') fail('a property name in double quotes');
    string();
    ws();
    if (text[i] !== ':') fail("':' after the property name");
    i++;
  };
  try {
    let expectValue = value() === 'opened';
    while (stack.length > 0) {
      if (expectValue) {
        expectValue = value() === 'opened';
        continue;
      }
      ws();
      const top = stack[stack.length - 1]!;
      const close = top === '{' ? '}' : ']';
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') fail(`',' or '${close}'`);
      i++;
      if (top === '{') key();
      expectValue = true;
    }
    ws();
    if (i < text.length) fail('the end of the input');
    return { offset: i, expected: 'nothing: the JSON is valid' };
  } catch (error) {
    if (error instanceof LocatedError) return { offset: error.offset, expected: error.expected };
    throw error;
  }
}

class LocatedError extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
