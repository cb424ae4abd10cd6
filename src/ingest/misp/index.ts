export { convertMispEvent } from './convert-misp-event.js';
export type { MispConversionContext } from './convert-misp-event.js';
export type { SharingGroupRef } from './misp-distribution.js';
export { PAP_MARKINGS, papLevelFromMarkingRef, papLevelOf } from './pap.js';
export type { PapLevel } from './pap.js';
export { markingOfTag, tagOfMarking } from './misp-tags.js';
export { OBSERVABLE_TYPES, DEFAULT_CATEGORY } from './attribute-types.js';
export { CUSTOM_SCO_TYPE } from './sco.js';
export { sdoTypeOfCluster } from './galaxies.js';
