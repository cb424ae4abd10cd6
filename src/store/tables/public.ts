/** The tables of the public portal (ransomware, advisories). */
export interface PublicTables {
  public_ransomware_galaxy: PublicRansomwareGalaxyTable;
  public_decryptors: PublicDecryptorsTable;
  public_reporting_contacts: PublicReportingContactsTable;
  public_ransomware_shares: PublicRansomwareSharesTable;
  public_advisories: PublicAdvisoriesTable;
  public_advisory_texts: PublicAdvisoryTextsTable;
  public_identify_counts: PublicIdentifyCountsTable;
}

/** The public portal (migration 0030, src/public): the family database loaded by an administrator. */
export interface PublicRansomwareGalaxyTable {
  id: string;
  galaxy_version: number;
  families: number;
  /** The normalised database (src/public/ransomware/family.ts) as JSON. */
  data: string;
  updated: string;
  updated_by: string;
}

/** Decryptor entries by galaxy UUID; `data` null withdraws a shipped entry. */
export interface PublicDecryptorsTable {
  galaxy_uuid: string;
  data: string | null;
  updated: string;
  updated_by: string;
}

/** Where victims report, by ISO 3166 country code (`*` for everyone else). */
export interface PublicReportingContactsTable {
  country: string;
  name: string;
  url: string;
  updated: string;
}

/** Identifications a visitor chose to share with investigators (migration 0031). */
export interface PublicRansomwareSharesTable {
  id: string;
  created: string;
  evidence: string;
  result: string;
}

/** Awareness advisories (migration 0032, src/public/advisories). */
export interface PublicAdvisoriesTable {
  id: string;
  slug: string;
  owner_org: string;
  /** A TLP level; only `clear` can be published. */
  tlp: string;
  /** `draft` or `published`. */
  status: string;
  created: string;
  created_by: string;
  published: string | null;
  published_by: string | null;
}

/** An advisory's text in one language (Markdown body). */
export interface PublicAdvisoryTextsTable {
  advisory_id: string;
  lang: string;
  title: string;
  summary: string;
  body: string;
}

/** Identification requests per day, outcome and identified family (migration 0034); no input is kept. */
export interface PublicIdentifyCountsTable {
  day: string;
  status: string;
  /** The identified family; '' when none was. */
  galaxy_uuid: string;
  n: number;
}
