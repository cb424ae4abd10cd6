import type { CategoryId } from './categories.js';

/**
 * Every figure of a landscape report, as JSON. A count is `null` only in the CLEAR variant, where it
 * was below the threshold and is suppressed.
 */
export type Cell = number | null;

export interface Ranked {
  name: string;
  /** In-period mentions: relationships, sightings and reports that refer to it. */
  count: Cell;
  first_seen: string | null;
  /** First seen inside the period. */
  new: boolean;
}

export interface LandscapeFigures {
  period: { from: string; to: string; granularity: 'month' | 'quarter'; buckets: string[] };
  previous: { from: string; to: string };
  variant: 'full' | 'clear';
  threshold: number | null;
  /** The most restrictive TLP of what the figures were computed from (CLEAR for the CLEAR variant). */
  tlp: string;
  generated_at: string;
  volume: {
    objects: Cell[];
    indicators: Cell[];
    total: Cell;
    previous_total: Cell;
    change_pct: number | null;
    uncategorised: Cell;
    categories: Array<{
      id: CategoryId;
      title: string;
      europol: string;
      enisa: string;
      objects: Cell[];
      indicators: Cell[];
      total: Cell;
      previous_total: Cell;
      change_pct: number | null;
    }>;
  };
  rankings: {
    malware: Ranked[];
    ransomware: Ranked[];
    threat_actors: Ranked[];
    brands: Ranked[];
    new_families: Array<{ name: string; first_seen: string }>;
    new_techniques: Array<{ external_id: string; name: string; first_seen: string }>;
  };
  geography: {
    victims_by_sector: Array<{ sector: string; count: Cell }>;
    victims_by_country: Array<{ country: string; count: Cell }>;
    /** Null when no IP database is available. */
    infrastructure_by_country: Array<{ country: string; count: Cell }> | null;
    infrastructure_by_asn: Array<{ asn: number; holder: string; count: Cell }> | null;
    infrastructure_addresses: Cell;
  };
  disruption: Disruption | null;
  /** Public portal figures for the period (counts only); absent when no portal source is given. */
  portal: PortalFigures | null;
  quality: {
    /** Per contributing organisation; empty in the CLEAR variant (no partner is named there). */
    contributions: Array<{ org_id: string; name: string; count: number }>;
    partners: Cell;
    values: Cell;
    /** Values (SCOs, indicator patterns) contributed by two or more partners. */
    shared_values: Cell;
    tlp: Array<{ tlp: string; count: Cell }>;
    /** STIX `confidence` of the period's objects, in bands. */
    confidence: Array<{ band: string; count: Cell }>;
    indicators: { total: Cell; expired: Cell; revoked: Cell };
  };
  /** Cells suppressed in the CLEAR variant. */
  suppressed: number;
}

/** Disruption figures, from operations when the instance runs them. */
export interface Disruption {
  operations: Cell;
  targets_identified: Cell;
  targets_actioned: Cell;
  takedown_rate: number | null;
  median_days_to_action: number | null;
  notifications: Cell;
}

/** The public portal: ransomware identification requests, decryptor coverage, reports sent in. */
export interface PortalFigures {
  identification_requests: Cell;
  identified: Cell;
  not_identified: Cell;
  families_identified: Cell;
  families_with_decryptor: Cell;
  /** The share of identified families with a free decryptor, 0..1. */
  decryptor_coverage: number | null;
  intake_reports: Cell;
  intake_promoted: Cell;
}
