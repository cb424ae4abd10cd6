/** The tables of saved threat-landscape reports. */
export interface ReportsTables {
  landscape_reports: LandscapeReportsTable;
}

/** A generated threat-landscape report (migration 0050); JSON columns are text. */
export interface LandscapeReportsTable {
  id: string;
  created: string;
  updated: string;
  created_by: string;
  owner_org: string;
  audience: string;
  title: string;
  variant: string;
  tlp: string;
  request: string;
  figures: string;
  narrative: string;
}
