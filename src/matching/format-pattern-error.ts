import type { PatternError } from '../pattern/index.js';

/**
 * The pattern's line holding the error, and a caret under the error's column, then where and what:
 *   [ipv4-addr:value = '1.2.3.4' AND]
 *                                   ^ line 1, column 34: expected a comparison
 */
export function formatPatternError(src: string, error: PatternError, label = 'error'): string {
  const lines = src.split('\n');
  const text = (lines[error.line - 1] ?? '').replace(/\r$/, '');
  // Tabs keep their width so the caret lines up in a terminal.
  const pad = text.slice(0, error.column - 1).replace(/[^\t]/g, ' ');
  const what = label === 'error' ? error.message : `${label}: ${error.message}`;
  return `${text}\n${pad}^ line ${String(error.line)}, column ${String(error.column)}: ${what}`;
}
