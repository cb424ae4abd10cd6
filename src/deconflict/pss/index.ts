/** Private search sets: keyed-hash sets with a DCSO bloom filter, watermarked per recipient. */
export { DcsoBloom } from './dcso-bloom.js';
export { PSS_CANONICALISATION, PSS_FILES, PSS_VERSION, buildPssSet, pssHash } from './pss-set.js';
export type { PssBuildInput, PssMetadata, PssSet } from './pss-set.js';
export { TRACE_SAMPLE, exportPss, pssKey } from './export-pss.js';
export type { PssExport, PssExportInput } from './export-pss.js';
export { traceLeak } from './trace-leak.js';
export type { LeakTrace, LeakedSet } from './trace-leak.js';
export { checkAgainstSet, readPssSet } from './pss-check.js';
export type { LoadedPssSet, PssCheckHit } from './pss-check.js';
export { pssFiles, tarArchive } from './pss-files.js';
export type { PssFile } from './pss-files.js';
export { writePssDirectory } from './write-pss-dir.js';
export { reportPssHits } from './report-pss-hits.js';
export type { ReportTarget, ReportedHit } from './report-pss-hits.js';
