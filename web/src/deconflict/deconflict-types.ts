/** The deconfliction API's shapes (src/http/deconflict/deconflict.schema.ts). */
export interface OwnInterest {
  id: string;
  kind: string;
  value: string;
  case_ref: string;
  contact: string;
  sensitivity: string;
  notify_owner: boolean;
  expires_at: string;
  expired: boolean;
  created: string;
}

export interface CheckResult {
  index: number;
  status: 'hit' | 'no-hit' | 'invalid';
  kind?: string;
  contacts?: string[];
  error?: string;
}

export interface RegisterResult {
  index: number;
  status: 'registered' | 'invalid';
  kind?: string;
  value?: string;
  error?: string;
}

/** Values from pasted or uploaded text: one a line, blank lines and `#` comments skipped. */
export function valueLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
