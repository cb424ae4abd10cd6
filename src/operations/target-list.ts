import type { TargetKind } from './target-kind.js';
import { detectTargetKind, isTargetKind, normaliseTarget } from './target-kind.js';

export interface ParsedTargetLine {
  line: number;
  kind: TargetKind;
  value: string;
}

export interface TargetListError {
  line: number;
  error: string;
}

export interface ParsedTargetList {
  targets: ParsedTargetLine[];
  errors: TargetListError[];
}

/** One CSV field list, RFC 4180 quoting (`"a,b"`, `""` for a quote). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

/**
 * Reads a bulk target list: one target a line, either a bare value whose kind is detected
 * (`203.0.113.5`, `evil.example.com`), or CSV `kind,value` (a `kind,value` header line is skipped).
 * Blank lines and `#` comments are ignored. Every line is either a target or an error naming its line;
 * nothing is thrown, so a caller can refuse the whole list when any line is wrong.
 */
export function parseTargetList(text: string, defaultKind?: TargetKind): ParsedTargetList {
  const targets: ParsedTargetLine[] = [];
  const errors: TargetListError[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = splitCsv(trimmed);
    if (index === 0 && fields[0]?.toLowerCase() === 'kind' && fields[1]?.toLowerCase() === 'value') return;
    let kind: TargetKind | null;
    let value: string;
    if (fields.length >= 2 && isTargetKind(fields[0]!.toLowerCase())) {
      kind = fields[0]!.toLowerCase() as TargetKind;
      value = fields.slice(1).join(',');
    } else {
      value = fields.length === 1 ? fields[0]! : trimmed;
      kind = defaultKind ?? detectTargetKind(value);
    }
    if (kind === null) {
      errors.push({
        line,
        error: `cannot tell what kind of target "${value.slice(0, 80)}" is; write kind,value`,
      });
      return;
    }
    const target = normaliseTarget(kind, value);
    if (target === null) errors.push({ line, error: `"${value.slice(0, 80)}" is not a valid ${kind}` });
    else targets.push({ line, kind, value: target.value });
  });
  return { targets, errors };
}
