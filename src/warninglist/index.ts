export { WARNINGLIST_TYPES } from './warninglist.js';
export type { Warninglist, WarninglistHit, WarninglistType } from './warninglist.js';
export { parseMispWarninglist, MispWarninglistJson } from './parse-misp-warninglist.js';
export type { WarninglistParseResult } from './parse-misp-warninglist.js';
export { BUILTIN_WARNINGLISTS } from './builtin-warninglists.js';
export { WarninglistIndex } from './warninglist-index.js';
