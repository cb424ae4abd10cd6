import type { AppContext } from '../app-context.js';
import { sharedIpJurisdictionDb } from '../../operations/ip-jurisdiction-db.js';
import { periodDisruption } from '../../operations/kpis/period-disruption.js';
import type { LandscapeSources } from '../../reports/landscape/compute-landscape.js';

/**
 * What a report draws on beyond the object store: hosting country and ASN from the same offline IP
 * database as operations' jurisdictions (read on first use), and disruption from the operations the
 * requesting viewer may see.
 */
export function landscapeSources(ctx: Pick<AppContext, 'store'>): LandscapeSources {
  return {
    disruption: (viewer, from, to) => periodDisruption(ctx.store.db, viewer, from, to),
    locateIp: (ip) => {
      const where = sharedIpJurisdictionDb().lookup(ip);
      return where === null ? undefined : { country: where.country, asn: where.asn, holder: where.asnHolder };
    },
  };
}
