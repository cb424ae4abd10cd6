const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/**
 * A feed's date (`2024-01-31 12:00:00` UTC as abuse.ch writes it, a date alone, or ISO 8601 with an
 * offset) as a STIX timestamp in UTC; null when it is not one.
 */
export function csvTimestamp(raw: string): string | null {
  const m = TIMESTAMP.exec(raw.trim());
  if (m === null) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const offset = /^[+-]/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(-2)}` : 'Z';
  const ms = Date.parse(`${y!}-${mo!}-${d!}T${h}:${mi}:${s}${frac.slice(0, 4)}${offset}`);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  // Date.parse rolls 2024-02-30 over into March; a feed that says so is wrong, not early.
  if (offset === 'Z' && date.getUTCDate() !== Number(d)) return null;
  const iso = date.toISOString();
  return frac === '' ? iso.replace('.000Z', 'Z') : iso;
}
