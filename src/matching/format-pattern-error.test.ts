import { describe, expect, it } from 'vitest';
import { validatePattern } from '../pattern/index.js';
import { formatPatternError } from './format-pattern-error.js';

describe('formatPatternError', () => {
  it('puts the caret under the offending character of its line', () => {
    const src = "[ipv4-addr:value = '198.18.0.1']\nFOLLOWEDBY [ipv4-addr:value = 1 AND]";
    const report = validatePattern(src);
    expect(report.valid).toBe(false);
    const text = formatPatternError(src, report.errors[0]!);
    const [line, caret] = text.split('\n');
    expect(line).toBe('FOLLOWEDBY [ipv4-addr:value = 1 AND]');
    expect(caret!.indexOf('^')).toBe(line!.indexOf(']'));
    expect(caret).toMatch(/\^ line 2, column 36: /);
  });

  it('keeps tabs so the caret lines up, and labels warnings', () => {
    const error = { message: 'boom', offset: 2, line: 1, column: 3, expected: [] };
    expect(formatPatternError('\tab', error, 'warning')).toBe('\tab\n\t ^ line 1, column 3: warning: boom');
  });
});
