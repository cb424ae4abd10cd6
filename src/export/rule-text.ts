import type { ExportItem } from './export-item.js';
import { oneLine } from './line-safe.js';

/** Printable ASCII that needs no escaping inside a Snort/Suricata `content:"..."` string. */
const PLAIN_CONTENT = /^[\x20!#-:<-[\]-{}~]*$/;

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * A value as a `content` string for Snort 2.9 and Suricata. `"`, `;`, `\`, `|` and every byte outside
 * printable ASCII go in `|..|` hex groups: both engines read hex identically, while backslash escapes
 * differ between engines and versions. Non-ASCII text is matched as its UTF-8 bytes.
 */
export function ruleContent(value: string): string {
  if (PLAIN_CONTENT.test(value)) return value;
  let out = '';
  let group: string[] = [];
  for (const byte of Buffer.from(value, 'utf8')) {
    const plain =
      byte >= 0x20 && byte <= 0x7e && byte !== 0x22 && byte !== 0x3b && byte !== 0x5c && byte !== 0x7c;
    if (plain) {
      if (group.length > 0) {
        out += `|${group.join(' ')}|`;
        group = [];
      }
      out += String.fromCharCode(byte);
    } else {
      group.push(hex(byte));
    }
  }
  if (group.length > 0) out += `|${group.join(' ')}|`;
  return out;
}

const MSG_MAX = 240;

/**
 * Text for `msg:"..."`: one line, at most MSG_MAX characters, with `\`, `"` and `;` backslash-escaped,
 * the escapes both Snort 2.9 and Suricata document for msg (hex groups are not read there).
 */
export function ruleMessage(text: string): string {
  let line = oneLine(text);
  if (line.length > MSG_MAX) line = `${line.slice(0, MSG_MAX - 3)}...`;
  return line.replace(/[\\";]/g, (c) => `\\${c}`);
}

/** `TLP:AMBER C2 server 203.0.113.5 (DNS query)`: what an analyst reads in the alert. */
export function alertText(item: ExportItem, what?: string): string {
  const tlp = item.tlp === undefined ? '' : ` TLP:${item.tlp.toUpperCase()}`;
  const name = item.name === undefined || item.name === '' ? item.kind : item.name;
  const value = item.value.length > 120 ? `${item.value.slice(0, 117)}...` : item.value;
  return `ACCORD${tlp} ${name} ${value}${what === undefined ? '' : ` (${what})`}`;
}

/**
 * `reference:url,...` wants the address without its scheme (the engine's reference.config adds it), and
 * older Suricata parsers accept only a narrow character set, so everything else is percent-encoded.
 */
export function referenceUrl(url: string): string {
  const bare = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return bare.replace(/[^A-Za-z0-9\-_./?=:&%]/g, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${hex(b)}`).join(''),
  );
}

/** Seconds since the epoch of `modified`, so a newer version always has a higher `rev` (uint32 until 2106). */
export function ruleRev(modified: string | undefined): number {
  const ms = modified === undefined ? Number.NaN : Date.parse(modified);
  return Number.isFinite(ms) && ms >= 1000 ? Math.floor(ms / 1000) : 1;
}

/** `2025_01_31`, the date style of the `updated_at` metadata used by public rule sets. */
export function metadataDate(iso: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[1]}_${match[2]}_${match[3]}` : undefined;
}

/** `metadata:` entries: comma-separated `key value` pairs, so commas and semicolons are kept out. */
export function ruleMetadata(item: ExportItem): string {
  const entries = [`accord_id ${item.id.replace(/[^A-Za-z0-9\-_.]/g, '_')}`];
  if (item.tlp !== undefined) entries.push(`tlp ${item.tlp}`);
  if (item.pap !== undefined) entries.push(`pap ${item.pap}`);
  const updated = metadataDate(item.modified);
  if (updated !== undefined) entries.push(`updated_at ${updated}`);
  return entries.join(', ');
}

/** Joins content pieces; two hex groups that meet (`|04||C3 A9|`) become one (`|04 C3 A9|`). */
export function joinContent(...parts: string[]): string {
  return parts.join('').replaceAll('||', ' ');
}
