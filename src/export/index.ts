export type {
  ExportItem,
  ExportItemMeta,
  ExportItems,
  ExportPap,
  ExportTlp,
  Formatter,
} from './export-item.js';
export { exportItemFromIndicator, exportItemFromSco, exportItemsFromSco } from './export-item.js';
export { exportFormat, FORMATS } from './formats.js';
export type { ExportFormat, ExportOptions } from './formats.js';
export { CSV_COLUMNS, csvFormatter, parseCsvColumns } from './csv.js';
export type { CsvColumn, CsvOptions } from './csv.js';
export { PLAIN_LISTS, plainListFormatter } from './plain-list.js';
export type { PlainListName } from './plain-list.js';
export { suricataFormatter } from './suricata.js';
export type { SuricataOptions } from './suricata.js';
export { snortFormatter } from './snort.js';
export type { RuleOptions } from './rule-builder.js';
export { hashLists, hashListName } from './hash-lists.js';
export { DEFAULT_SID_BASE, DEFAULT_SID_RANGE, SidAllocator } from './sid-allocator.js';
export { ZEEK_HEADER, zeekFormatter } from './zeek.js';
export type { ZeekOptions } from './zeek.js';
export { rpzFormatter, rpzSerial } from './rpz.js';
export type { RpzAction, RpzOptions } from './rpz.js';
export { collect } from './stream-lines.js';
