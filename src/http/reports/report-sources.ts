import type { AppContext } from '../app-context.js';
import type { LandscapeSources } from '../../reports/landscape/compute-landscape.js';

/**
 * What a report draws on beyond the object store, for this instance: the IP database for hosting
 * figures and the operations for disruption figures, where those features are present.
 */
export function landscapeSources(_ctx: Pick<AppContext, 'store'>): LandscapeSources {
  return {};
}
