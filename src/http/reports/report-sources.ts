import type { AppContext } from '../app-context.js';
import { sharedIpJurisdictionDb } from '../../operations/ip-jurisdiction-db.js';
import { periodDisruption } from '../../operations/kpis/period-disruption.js';
import { intakePeriodFigures } from '../../public/intake/intake-figures.js';
import { identifyFigures } from '../../public/ransomware/identify-counts.js';
import type { LandscapeSources } from '../../reports/landscape/compute-landscape.js';

/**
 * What a report draws on beyond the object store: hosting country and ASN from the same offline IP
 * database as operations' jurisdictions (read on first use), and disruption from the operations the
 * requesting viewer may see, and the public portal's counts (identification requests, decryptor coverage,
 * reports sent in), which are aggregates with nothing of any visitor's input.
 */
export function landscapeSources(ctx: Pick<AppContext, 'store'>): LandscapeSources {
  return {
    disruption: (viewer, from, to) => periodDisruption(ctx.store.db, viewer, from, to),
    portal: async (from, to) => {
      const id = await identifyFigures(ctx.store, from, to);
      const intake = await intakePeriodFigures(ctx.store.db, from, to);
      return {
        identification_requests: id.requests,
        identified: id.identified,
        not_identified: id.not_identified,
        families_identified: id.families,
        families_with_decryptor: id.families_with_decryptor,
        decryptor_coverage: id.decryptor_coverage,
        intake_reports: intake.reports,
        intake_promoted: intake.promoted,
      };
    },
    locateIp: (ip) => {
      const where = sharedIpJurisdictionDb().lookup(ip);
      return where === null ? undefined : { country: where.country, asn: where.asn, holder: where.asnHolder };
    },
  };
}
