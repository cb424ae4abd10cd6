/** The fields of an RFC 5965 message/feedback-report part, names lower-cased, values in order. */
export type FeedbackFields = Map<string, string[]>;

/**
 * Reads the header-style fields of a feedback report (RFC 5965 section 3.1): `Name: value` lines,
 * continuation lines starting with white space. Returns the first line that is neither, if any, so
 * the caller can name it in an error.
 */
export function feedbackFields(text: string): { fields: FeedbackFields; badLine: number | null } {
  const fields: FeedbackFields = new Map();
  let last: { name: string; index: number } | null = null;
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    if (/^[ \t]/.test(line) && last !== null) {
      const values = fields.get(last.name)!;
      values[last.index] = `${values[last.index]!} ${line.trim()}`;
      continue;
    }
    const m = /^([A-Za-z0-9-]+):[ \t]*(.*)$/.exec(line);
    if (m === null) return { fields, badLine: i + 1 };
    const name = m[1]!.toLowerCase();
    const values = fields.get(name) ?? [];
    values.push(m[2]!.trim());
    fields.set(name, values);
    last = { name, index: values.length - 1 };
  }
  return { fields, badLine: null };
}
