import type { ApiKeysTable } from '../store/schema.js';

/** An API key as listed: enough to recognise it (`accord_<prefix>_…<last4>`), never its hash. */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  prefix: string;
  last4: string;
  name: string | null;
  readOnly: boolean;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  created: string;
}

export function toApiKeyRecord(row: ApiKeysTable): ApiKeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    prefix: row.prefix,
    last4: row.last4,
    name: row.name,
    readOnly: row.read_only !== 0,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    created: row.created,
  };
}

/** How a key is shown after creation: its recognisable ends only. */
export function apiKeyHint(record: ApiKeyRecord): string {
  return `accord_${record.prefix}_…${record.last4}`;
}
