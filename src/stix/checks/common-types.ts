import type { Issues } from '../issues.js';
import { where } from '../issues.js';
import type { Check } from './check.js';
import { atLeastOneOf, embedded } from './embedded.js';
import { hashes } from './hashes.js';
import { pattern, string } from './primitives.js';

/** Kill chain phase (§2.10). */
export const killChainPhase: Check = embedded({
  name: 'kill chain phase',
  properties: { kill_chain_name: string, phase_name: string },
  required: ['kill_chain_name', 'phase_name'],
});

const CVE_ID = /^CVE-\d{4}-(?:0\d{3}|[1-9]\d{3,})$/;
const CAPEC_ID = /^CAPEC-\d+$/;
const oneOfDescriptionUrlId = atLeastOneOf(['description', 'url', 'external_id'], 'external reference');

/** The `cve` and `capec` source names fix the shape of `external_id` (§2.5). */
function externalReferenceRule(obj: Record<string, unknown>, path: string, out: Issues): void {
  oneOfDescriptionUrlId(obj, path, out);
  const source = obj.source_name;
  const id = obj.external_id;
  if (typeof id !== 'string') return;
  if (source === 'cve' && !CVE_ID.test(id)) {
    out.error(
      `${path}.external_id`,
      'invalid_value',
      `"${id.slice(0, 40)}" ${where(`${path}.external_id`)} is not a CVE id such as CVE-2021-44228.`,
    );
  } else if (source === 'capec' && !CAPEC_ID.test(id)) {
    out.error(
      `${path}.external_id`,
      'invalid_value',
      `"${id.slice(0, 40)}" ${where(`${path}.external_id`)} is not a CAPEC id such as CAPEC-163.`,
    );
  }
}

/** External reference (§2.5). */
export const externalReference: Check = embedded({
  name: 'external reference',
  properties: {
    source_name: string,
    description: string,
    url: pattern(/^\S+$/, 'a URL'),
    hashes: hashes(true),
    external_id: string,
  },
  required: ['source_name'],
  rule: externalReferenceRule,
});
