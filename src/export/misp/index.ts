export { toMispEvent } from './to-misp-event.js';
export type { ToMispOptions } from './to-misp-event.js';
export { syntheticMispEvents } from './synthetic-events.js';
export { mispFeedManifest, mispFeedHashes } from './misp-feed.js';
export type { MispManifest, MispManifestEntry } from './misp-feed.js';
export { parseMispFeedManifest, planFeedImport } from './feed-import-plan.js';
export type { ParsedManifest } from './feed-import-plan.js';
export type * from './misp-format.js';
