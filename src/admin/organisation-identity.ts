import type { StixObject } from '../stix/types.js';
import { INDUSTRY_SECTORS } from './industry-sectors.js';
import type { Organisation } from './organisation.js';

/**
 * The STIX identity that stands for an organisation: objects it contributes carry its id as
 * `created_by_ref`. `sectors` is only set from a sector in the STIX vocabulary; free-text sectors stay
 * in Accord. Pass `modified` when re-publishing the identity after an update.
 */
export function organisationIdentity(org: Organisation, modified: string = org.created): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: org.id,
    created: org.created,
    modified,
    name: org.name,
    identity_class: 'organization',
    ...(org.sector !== null && INDUSTRY_SECTORS.has(org.sector) ? { sectors: [org.sector] } : {}),
    x_accord_kind: org.kind,
    ...(org.country === null ? {} : { x_accord_country: org.country }),
  };
}
