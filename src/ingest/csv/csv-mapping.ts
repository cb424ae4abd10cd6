import { z } from 'zod';
import { OBSERVABLE_KINDS } from '../../observable/index.js';

/** A column by 0-based index or by header name. (Errors report 1-based columns, like lines.) */
export const CsvColumn = z.union([z.number().int().nonnegative().max(10_000), z.string().min(1).max(200)]);
export type CsvColumn = z.infer<typeof CsvColumn>;

/** How to read one CSV feed: the dialect, and which column holds what. */
export const CsvMapping = z.object({
  delimiter: z.string().min(1).max(8).optional(),
  quote: z.string().length(1).optional(),
  /** Lines starting with this are comments; `#` by default, `''` for none. */
  comment: z.string().max(8).optional(),
  /** Blanks around fields are dropped (ThreatFox writes `", "` between fields). */
  trim: z.boolean().optional(),
  /** `auto`: the first record is a header when its value cell is a name rather than a value. */
  header: z.union([z.boolean(), z.literal('auto')]).optional(),
  skipLines: z.number().int().nonnegative().optional(),
  columns: z.object({
    value: CsvColumn,
    /** More value columns converted like `value` with the same row details (MalwareBazaar's md5, sha1). */
    extraValues: z.array(CsvColumn).max(16).optional(),
    type: z.union([z.enum(OBSERVABLE_KINDS), z.literal('auto')]).optional(),
    firstSeen: CsvColumn.optional(),
    lastSeen: CsvColumn.optional(),
    tags: CsvColumn.optional(),
    malwareFamily: CsvColumn.optional(),
    confidence: CsvColumn.optional(),
    description: CsvColumn.optional(),
    reference: CsvColumn.optional(),
  }),
});
export type CsvMapping = z.infer<typeof CsvMapping>;

/**
 * The shapes of abuse.ch's CSV exports, and plain one-value-per-line lists. abuse.ch comments out
 * its header lines (`# id,dateadded,...`), so columns are by index; `auto` headers cope with the
 * variants that leave the header in.
 */
export const CSV_PRESETS = {
  /** URLhaus: id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter */
  urlhaus: {
    comment: '#',
    header: 'auto',
    columns: { value: 2, type: 'url', firstSeen: 1, lastSeen: 4, tags: 6, reference: 7 },
  },
  /** ThreatFox: first_seen_utc,ioc_id,ioc_value,ioc_type,threat_type,fk_malware,malware_alias,
   * malware_printable,last_seen_utc,confidence_level,reference,tags,anonymous,reporter. `ip:port`
   * values are typed by detection, which keeps the address. */
  threatfox: {
    comment: '#',
    header: 'auto',
    trim: true,
    columns: {
      value: 2,
      type: 'auto',
      firstSeen: 0,
      malwareFamily: 7,
      lastSeen: 8,
      confidence: 9,
      reference: 10,
      tags: 11,
    },
  },
  /** MalwareBazaar: first_seen_utc,sha256_hash,md5_hash,sha1_hash,reporter,file_name,file_type_guess,
   * mime_type,signature,clamav,vtpercent,imphash,ssdeep,tlsh */
  malwarebazaar: {
    comment: '#',
    header: 'auto',
    trim: true,
    columns: { value: 1, type: 'sha256', extraValues: [2, 3], firstSeen: 0, malwareFamily: 8 },
  },
  /** Feodo Tracker ipblocklist: first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware */
  feodotracker: {
    comment: '#',
    header: 'auto',
    columns: { value: 1, type: 'ipv4', firstSeen: 0, lastSeen: 4, malwareFamily: 5 },
  },
  /** One value per line, any kind. */
  list: { comment: '#', header: false, columns: { value: 0, type: 'auto' } },
} as const satisfies Record<string, CsvMapping>;

export type CsvPresetName = keyof typeof CSV_PRESETS;
