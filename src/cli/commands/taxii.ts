import type { Command } from 'commander';
import { registerTaxiiCollection } from './taxii-collection.js';
import { registerTaxiiPull } from './taxii-pull.js';
import { registerTaxiiPush } from './taxii-push.js';
import { registerTaxiiSchedule } from './taxii-schedule.js';

/** `accord taxii ...`: collections served here, and pulls from / pushes to other TAXII 2.1 servers. */
export function registerTaxii(program: Command): void {
  const taxii = program
    .command('taxii')
    .description('TAXII 2.1: define the collections served here; pull from and push to other servers');
  registerTaxiiCollection(taxii);
  registerTaxiiPull(taxii);
  registerTaxiiPush(taxii);
  registerTaxiiSchedule(taxii);
}
