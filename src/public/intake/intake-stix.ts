import { randomUUID } from 'node:crypto';
import type { Observable } from '../../observable/index.js';
import { observableToSco } from '../../observable/index.js';
import type { StixObject } from '../../stix/types.js';
import { INTAKE_LIMITS } from './intake-limits.js';
import type { IntakeContent } from './intake-values.js';

const KIND_NAMES: Record<IntakeContent['kind'], string> = {
  email: 'phishing e-mail',
  sms: 'suspicious SMS',
  url: 'suspicious URL',
  xarf: 'X-ARF abuse report',
  arf: 'ARF feedback report',
};

/**
 * A report as STIX: one SCO per value and a `report` (labelled `public-intake` and its kind) that
 * refers to them, owned by the intake organisation. Each report gets a fresh id: two people reporting
 * the same e-mail are two reports of one campaign; the SCOs (deterministic ids) are shared.
 */
export function intakeStix(
  content: IntakeContent,
  values: readonly Observable[],
  orgId: string,
  now: string,
): { report: StixObject; objects: StixObject[] } {
  const scos = values.map((v) => observableToSco(v)).filter((s): s is StixObject => s !== null);
  const subject = content.subject?.trim() ?? '';
  const report: StixObject = {
    type: 'report',
    spec_version: '2.1',
    id: `report--${randomUUID()}`,
    created: now,
    modified: now,
    created_by_ref: orgId,
    name: `Reported ${KIND_NAMES[content.kind]}${subject === '' ? '' : `: ${subject.slice(0, 200)}`}`,
    description: content.text.slice(0, INTAKE_LIMITS.storedTextChars),
    report_types: ['threat-report'],
    labels: ['public-intake', content.kind],
    published: now,
    object_refs: scos.length === 0 ? [orgId] : scos.map((s) => s.id),
  };
  if (content.partnerOrg !== null) report.x_accord_intake_partner = content.partnerOrg;
  return { report, objects: [...scos, report] };
}
