import type { Distribution } from '../policy/distribution.js';
import type { TlpLevel } from '../policy/tlp.js';
import type { OrganisationsTable } from '../store/schema.js';

export const ORG_KINDS = ['law-enforcement', 'private', 'cert', 'government', 'ngo', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** An organisation's default TLP; `none` writes objects without a TLP marking. */
export type DefaultTlp = TlpLevel | 'none';

/** An organisation as services return it. Its id is its STIX identity id (`identity--<uuid>`). */
export interface Organisation {
  id: string;
  name: string;
  kind: OrgKind;
  sector: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  defaultDistribution: Distribution;
  defaultTlp: DefaultTlp;
  created: string;
}

/** Rows are only ever written through validation, so their values are trusted here. */
export function toOrganisation(row: OrganisationsTable): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as OrgKind,
    sector: row.sector,
    country: row.country,
    defaultDistribution: row.default_distribution as Distribution,
    defaultTlp: row.default_tlp as DefaultTlp,
    created: row.created,
  };
}
