import type { Kysely } from 'kysely';
import { invalidInput } from '../errors.js';
import { distributionGroup, isDistribution } from '../policy/distribution.js';
import type { Distribution } from '../policy/distribution.js';
import { isTlpLevel, tlpAllows } from '../policy/tlp.js';
import type { Database } from '../store/schema.js';
import { isCountryCode } from './countries.js';
import { ORG_KINDS } from './organisation.js';
import type { DefaultTlp, OrgKind } from './organisation.js';

export interface OrganisationInput {
  name: string;
  kind: OrgKind;
  sector?: string | null | undefined;
  country?: string | null | undefined;
  /** Defaults to `organisation`: nothing leaves an organisation unless it says so. */
  defaultDistribution?: string | undefined;
  defaultTlp?: string | undefined;
}

export type OrganisationPatch = Partial<OrganisationInput>;

export function checkName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200)
    throw invalidInput('invalid_name', `${what} name must be 1 to 200 characters`);
  return trimmed;
}

export function checkKind(kind: string): OrgKind {
  if (!(ORG_KINDS as readonly string[]).includes(kind))
    throw invalidInput('invalid_kind', `organisation kind must be one of ${ORG_KINDS.join(', ')}`);
  return kind as OrgKind;
}

export function checkSector(sector: string | null | undefined): string | null {
  const trimmed = sector?.trim() ?? '';
  if (trimmed.length > 100) throw invalidInput('invalid_sector', 'sector must be at most 100 characters');
  return trimmed === '' ? null : trimmed;
}

export function checkCountry(country: string | null | undefined): string | null {
  const code = country?.trim().toUpperCase() ?? '';
  if (code === '') return null;
  if (!isCountryCode(code))
    throw invalidInput('invalid_country', `${country ?? ''} is not an ISO 3166-1 alpha-2 country code`);
  return code;
}

export function checkDefaultTlp(tlp: string): DefaultTlp {
  const level = tlp.trim().toLowerCase();
  if (level !== 'none' && !isTlpLevel(level))
    throw invalidInput('invalid_tlp', 'default TLP must be clear, green, amber, amber+strict, red or none');
  return level;
}

/**
 * Checks a default distribution against the default TLP (the pair must be writable, or every import
 * relying on the defaults would be refused) and, for `group:<id>`, that the organisation belongs to it.
 */
export async function checkDefaultDistribution(
  db: Kysely<Database>,
  orgId: string,
  distribution: string,
  tlp: DefaultTlp,
): Promise<Distribution> {
  if (!isDistribution(distribution) || distribution === 'federation')
    throw invalidInput(
      'invalid_distribution',
      'default distribution must be organisation, community, public or group:<id>',
    );
  if (!tlpAllows(tlp === 'none' ? null : tlp, distribution))
    throw invalidInput(
      'tlp_exceeds_distribution',
      `default TLP:${tlp.toUpperCase()} does not allow default distribution ${distribution}`,
    );
  const group = distributionGroup(distribution);
  if (group !== undefined) {
    const member = await db
      .selectFrom('group_members')
      .select('group_id')
      .where('group_id', '=', group)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (member === undefined)
      throw invalidInput(
        'invalid_distribution',
        `the organisation is not a member of sharing group ${group}`,
      );
  }
  return distribution;
}
