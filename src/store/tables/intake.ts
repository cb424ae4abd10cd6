/** The tables of report intake (migrations 0033 and 0035, src/public/intake). */
export interface IntakeTables {
  public_intake_settings: PublicIntakeSettingsTable;
  public_intake_reports: PublicIntakeReportsTable;
  public_intake_values: PublicIntakeValuesTable;
  public_intake_promotions: PublicIntakePromotionsTable;
}

/** Settings of report intake; `organisation` is the STIX identity id of the receiving organisation. */
export interface PublicIntakeSettingsTable {
  key: string;
  value: string;
  updated: string;
}

/** One report received: its triage state and the STIX report (owned by `org_id`) it was stored as. */
export interface PublicIntakeReportsTable {
  id: string;
  org_id: string;
  /** `email`, `sms`, `url`, `xarf` or `arf`. */
  kind: string;
  received: string;
  /** `new`, `benign` or `promoted`. */
  status: string;
  stix_report_id: string;
  /** The subject (e-mail) or first words (SMS), redacted, at most 200 characters. */
  subject: string | null;
  /** The sender's address or SMS sender id (the suspected sender, never the reporter). */
  sender: string | null;
  /** A digest of the normalised subject/text: reports of one campaign share it. */
  campaign: string | null;
  /** A contact the reporter chose to leave, else null. */
  contact: string | null;
  /** The partner organisation that posted an X-ARF/ARF report, else null (anonymous). */
  partner_org: string | null;
  triaged: string | null;
  triaged_by: string | null;
}

/** A value extracted from a report (kind as in src/observable), for grouping. */
export interface PublicIntakeValuesTable {
  report_id: string;
  kind: string;
  value: string;
}

/** An indicator a triaged report's value was promoted to (the indicator is owned by the intake org). */
export interface PublicIntakePromotionsTable {
  report_id: string;
  indicator_id: string;
  kind: string;
  value: string;
  promoted: string;
  /** The analyst's user id. */
  promoted_by: string;
}
