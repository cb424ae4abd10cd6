import type { PatternError } from './ast.js';

/** Builds a PatternError with 1-based line/column computed from a 0-based offset. */
export function errorAt(src: string, offset: number, message: string, expected: string[] = []): PatternError {
  const at = Math.max(0, Math.min(offset, src.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { message, offset: at, line, column: at - lineStart + 1, expected };
}
