import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/index.js';
import { AccordError } from '../../errors.js';
import { loadOrgDefaults } from '../../ingest/org-defaults.js';
import { importBundle } from '../../ingest/stix/import-bundle.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { intakeWriter, requireIntakeOrganisation } from './intake-organisation.js';
import { intakeStix } from './intake-stix.js';
import { campaignKey, intakeValues } from './intake-values.js';
import type { IntakeContent } from './intake-values.js';

// eslint-disable-next-line @typescript-eslint/require-await
async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

export interface SubmittedReport {
  id: string;
  values: number;
}

/**
 * Stores one report in the intake organisation's inbox: its values as SCOs and a STIX report, all at
 * distribution `organisation` and TLP:AMBER through the normal write path, then the triage row. The
 * report is refused whole (nothing kept) if the write path refuses its report object. A partner's
 * report (X-ARF, ARF) is credited to the partner and its submission audited as theirs.
 */
export async function submitReport(
  store: Store,
  content: IntakeContent,
  now = new Date(),
  partner?: UserViewer,
): Promise<SubmittedReport> {
  return (await submitReports(store, [content], now, partner))[0]!;
}

/**
 * Stores many reports as submitReport does, in one write-path batch and one transaction (bulk intake:
 * a mailbox or feed of reports). A report whose STIX report the write path refuses fails the batch
 * before any inbox row is written.
 */
export async function submitReports(
  store: Store,
  contents: readonly IntakeContent[],
  now = new Date(),
  partner?: UserViewer,
): Promise<SubmittedReport[]> {
  const orgId = await requireIntakeOrganisation(store.db);
  const at = now.toISOString();
  const prepared = contents.map((content) => {
    const values = intakeValues(content);
    return { content, values, id: randomUUID(), ...intakeStix(content, values, orgId, at) };
  });
  const statuses = new Map<string, string>();
  const summary = await importBundle(
    store,
    oneChunk(
      JSON.stringify({
        type: 'bundle',
        id: `bundle--${randomUUID()}`,
        objects: prepared.flatMap((p) => p.objects),
      }),
    ),
    {
      writer: intakeWriter(orgId),
      choice: { distribution: 'organisation', tlp: 'amber' },
      orgs: await loadOrgDefaults(store.db),
      warninglist: 'flag',
    },
    { onResult: (r) => statuses.set(r.id ?? '', r.status) },
  );
  if (
    summary.fatal !== undefined ||
    prepared.some((p) => !['created', 'duplicate'].includes(statuses.get(p.report.id) ?? ''))
  )
    throw new AccordError('intake_write_failed', 500, 'the report could not be stored');
  await store.writeTransaction(async (trx) => {
    for (const { content, values, id, report } of prepared) {
      await trx
        .insertInto('public_intake_reports')
        .values({
          id,
          org_id: orgId,
          kind: content.kind,
          received: at,
          status: 'new',
          stix_report_id: report.id,
          subject: content.subject?.slice(0, 200) ?? null,
          sender: content.sender,
          campaign: campaignKey(content),
          contact: content.contact,
          partner_org: content.partnerOrg,
          triaged: null,
          triaged_by: null,
        })
        .execute();
      if (values.length > 0)
        await trx
          .insertInto('public_intake_values')
          .values(values.map((v) => ({ report_id: id, kind: v.kind, value: v.value })))
          .execute();
      if (partner !== undefined)
        await appendAudit(trx, {
          actor: partner.userId,
          actorOrg: partner.orgId,
          action: 'intake.partner.report',
          target: id,
          outcome: 'ok',
          details: { kind: content.kind, values: values.length, stix_report_id: report.id },
        });
    }
  });
  return prepared.map((p) => ({ id: p.id, values: p.values.length }));
}
