export { convertCsv } from './convert-csv.js';
export { CSV_PRESETS, CsvColumn, CsvMapping } from './csv-mapping.js';
export type { CsvPresetName } from './csv-mapping.js';
export { csvTimestamp } from './csv-timestamp.js';
