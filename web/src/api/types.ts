/** The shapes the UI reads from the Accord API (see /api/openapi.json). */

export type StixObject = Record<string, unknown> & { id: string; type: string };

export interface Meta {
  version: string;
  date_added: string;
  owner_org: string;
  distribution: string;
  tlp: string | null;
  pap: string | null;
}

export interface Presented {
  object: StixObject;
  meta: Meta;
}

export interface ObjectPage {
  items: Presented[];
  next?: string;
  total?: number;
}

export interface Session {
  user: { id: string; email: string; name: string; role: string };
  org: { id: string; name: string; kind: string };
  groups: string[];
  read_only: boolean;
  /** The user's organisation is the intake organisation (or the user an admin): offer the inbox. */
  intake_inbox: boolean;
}

export interface Dashboard {
  total: number;
  by_type: { type: string; count: number }[];
  by_tlp: { tlp: string; count: number }[];
  intake: { days: string[]; series: { org_id: string; name: string; counts: number[] }[] };
  top: { id: string; type: string; name: string; relationships: number }[];
  sightings: {
    id: string;
    indicator_id: string;
    indicator_name: string;
    count: number | null;
    last_seen: string | null;
    date_added: string;
    where_sighted: string[];
  }[];
}

export interface GraphNode {
  id: string;
  type: string;
  label: string;
  tlp: string | null;
  owner_org: string;
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  kind: 'relationship' | 'ref';
}
export interface Graph {
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
}

export interface Audience {
  id: string;
  owner_org: string;
  distribution: string;
  markings: { tlp: string | null; pap: string | null };
  organisations: { id: string; name: string; reasons: string[] }[];
  public: boolean;
}

export interface Issue {
  path: string;
  code: string;
  message: string;
}
export interface ImportResult {
  index: number;
  id: string | null;
  status: 'created' | 'duplicate' | 'invalid' | 'refused' | 'rejected';
  errors: Issue[];
  warnings: Issue[];
}
export interface ImportResponse {
  summary: {
    total: number;
    created: number;
    duplicate: number;
    invalid: number;
    refused: number;
    rejected: number;
    fatal?: { code: string; message: string; line?: number; column?: number };
  };
  results: ImportResult[];
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  sector: string | null;
  country: string | null;
  default_distribution: string;
  default_tlp: string;
}
export interface User {
  id: string;
  email: string;
  name: string;
  org_id: string;
  role: string;
  disabled: boolean;
}
export interface ApiKey {
  id: string;
  name: string | null;
  prefix: string;
  last4: string;
  read_only: boolean;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created: string;
}
export interface SharingGroup {
  id: string;
  name: string;
  description: string | null;
  owner_org: string;
  members: string[];
}
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | null;
  actor_org: string | null;
  action: string;
  target: string | null;
  outcome: string;
  details: unknown;
}
export interface AuditVerify {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
}

export interface Items<T> {
  items: T[];
  next?: string;
}

/** GET /api/v1/federation/status: each connected peer as the federation status page shows it. */
export interface FederationPeerError {
  at: string;
  code: string;
  message: string;
}
export interface FederationPeerStatus {
  peer: { id: string; name: string; url: string; instance_id: string; direction: 'pull' | 'push' | 'both' };
  state: 'never_contacted' | 'failing' | 'catching_up' | 'in_sync';
  sent_seq: number;
  lag_out: number;
  received_seq: number;
  lag_in: number;
  last_pull_at: string | null;
  last_served_at: string | null;
  last_error: FederationPeerError | null;
  errors: FederationPeerError[];
}
export interface FederationStatus {
  instance: string;
  items: FederationPeerStatus[];
}
