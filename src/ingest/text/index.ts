export { extractIndicators } from './extract-indicators.js';
export type { ExtractOptions, LocatedObservable, TextFormat } from './extract-indicators.js';
export { convertText } from './convert-text.js';
export { indicatorFor, indicatorId, vulnerabilityFor } from './stix-for-observable.js';
export type { IndicatorDetails } from './stix-for-observable.js';
