import { FEED_KIND } from './feeds/feed-definition.js';
import { runFeed } from './feeds/run-feed.js';
import type { JobHandlers } from './jobs/index.js';
import { TAXII_PULL, runTaxiiPull } from './taxii/client/taxii-pull-job.js';

/**
 * Every background job kind `accord serve` runs, by name. A feature adds its handler here (a
 * TAXII pull, a feed run); the scheduler in src/jobs stays generic.
 */
export const jobHandlers: JobHandlers = { [FEED_KIND]: runFeed, [TAXII_PULL]: runTaxiiPull };
