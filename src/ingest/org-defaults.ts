import type { Kysely } from 'kysely';
import { isDistribution } from '../policy/distribution.js';
import { isTlpLevel } from '../policy/tlp.js';
import type { Database } from '../store/schema.js';
import type { OrgDefaults } from './write-policy.js';

/** Every organisation's defaults, keyed by identity id (a small table, read once per import). */
export async function loadOrgDefaults(db: Kysely<Database>): Promise<Map<string, OrgDefaults>> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'default_distribution', 'default_tlp'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        defaultDistribution: isDistribution(r.default_distribution) ? r.default_distribution : 'organisation',
        defaultTlp: isTlpLevel(r.default_tlp) ? r.default_tlp : 'none',
      },
    ]),
  );
}
