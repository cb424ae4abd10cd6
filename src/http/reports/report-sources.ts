import type { AppContext } from '../app-context.js';
import { sharedIpJurisdictionDb } from '../../operations/ip-jurisdiction-db.js';
import type { LandscapeSources } from '../../reports/landscape/compute-landscape.js';

/**
 * What a report draws on beyond the object store: hosting country and ASN from the same offline IP
 * database as operations' jurisdictions (read on first use). Disruption figures wait for operation KPIs.
 */
export function landscapeSources(_ctx: Pick<AppContext, 'store'>): LandscapeSources {
  return {
    locateIp: (ip) => {
      const where = sharedIpJurisdictionDb().lookup(ip);
      return where === null ? undefined : { country: where.country, asn: where.asn, holder: where.asnHolder };
    },
  };
}
