import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { appendAudit } from '../../../audit/index.js';
import { AccordError, invalidInput } from '../../../errors.js';
import { importStix } from '../../../ingest/import-service.js';
import { indicatorFor } from '../../../ingest/text/stix-for-observable.js';
import type { Observable } from '../../../observable/index.js';
import type { Distribution } from '../../../policy/distribution.js';
import type { TlpLevel } from '../../../policy/tlp.js';
import type { UserViewer } from '../../../policy/viewer.js';
import type { StixObject } from '../../../stix/types.js';
import type { Store } from '../../../store/store.js';
import { triageTargets } from './triage-access.js';

export interface PromoteRequest {
  reports: readonly string[];
  /** Only these values of the reports (default: every value that has a STIX pattern). */
  values?: readonly Observable[] | undefined;
  distribution: Distribution;
  tlp: TlpLevel;
}

export interface PromoteResult {
  indicators: { id: string; kind: string; value: string; status: string }[];
  reports: number;
}

const key = (o: { kind: string; value: string }) => `${o.kind}\u0000${o.value}`;

/**
 * Promotes inbox reports (one, or a whole group) to STIX indicators owned by the intake organisation,
 * with the markings the analyst chose, through the ordinary write path (importStix: the write rules,
 * TLP against distribution, the audit entry of the import). Then, in one transaction, the reports are
 * marked promoted, each indicator is linked to the reports it came from, and the act is audited.
 * A refused indicator refuses the promotion (nothing marked), with the write path's reason.
 */
export async function promoteReports(
  store: Store,
  viewer: UserViewer,
  req: PromoteRequest,
  now = new Date(),
): Promise<PromoteResult> {
  const reports = await triageTargets(store, viewer, req.reports);
  const wanted = req.values === undefined ? null : new Set(req.values.map(key));
  const sources = new Map<string, { o: Observable; reports: string[] }>();
  for (const r of reports)
    for (const v of r.values) {
      if (wanted !== null && !wanted.has(key(v))) continue;
      const entry = sources.get(key(v)) ?? { o: v as Observable, reports: [] };
      entry.reports.push(r.id);
      sources.set(key(v), entry);
    }
  const at = now.toISOString();
  const ctx = { ownerIdentityId: viewer.orgId, now: at, source: 'report intake' };
  const indicators: { object: StixObject; o: Observable; reports: string[] }[] = [];
  for (const { o, reports: from } of sources.values()) {
    const object = indicatorFor(o, ctx, {
      labels: ['public-intake'],
      description: `Reported to the intake inbox in ${String(from.length)} report(s); promoted by triage.`,
    });
    if (object !== null) indicators.push({ object, o, reports: from });
  }
  if (indicators.length === 0)
    throw invalidInput('nothing_to_promote', 'the chosen reports hold no value that can become an indicator');
  const statuses = new Map<string, string>();
  let refusal: { code: string; message: string } | undefined;
  await importStix(
    store,
    viewer,
    Readable.from([
      JSON.stringify({
        type: 'bundle',
        id: `bundle--${randomUUID()}`,
        objects: indicators.map((i) => i.object),
      }),
    ]),
    {
      source: 'intake-triage',
      distribution: req.distribution,
      tlp: req.tlp,
      onResult: (r) => {
        statuses.set(r.id ?? '', r.status);
        if (!['created', 'duplicate'].includes(r.status))
          refusal ??= {
            code: r.errors[0]?.code ?? r.status,
            message: r.errors.map((e) => e.message).join('; '),
          };
      },
    },
  );
  if (refusal !== undefined)
    throw new AccordError(
      refusal.code,
      422,
      `the indicators were not written: ${refusal.message || refusal.code}`,
    );
  const links = indicators.flatMap((i) =>
    i.reports.map((report_id) => ({
      report_id,
      indicator_id: i.object.id,
      kind: i.o.kind,
      value: i.o.value,
      promoted: at,
      promoted_by: viewer.userId,
    })),
  );
  const ids = reports.map((r) => r.id);
  await store.writeTransaction(async (trx) => {
    await trx
      .updateTable('public_intake_reports')
      .set({ status: 'promoted', triaged: at, triaged_by: viewer.userId })
      .where('id', 'in', ids)
      .execute();
    for (let i = 0; i < links.length; i += 200)
      await trx
        .insertInto('public_intake_promotions')
        .values(links.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['report_id', 'indicator_id']).doNothing())
        .execute();
    await appendAudit(trx, {
      actor: viewer.userId,
      actorOrg: viewer.orgId,
      action: 'intake.promote',
      target: ids.join(',').slice(0, 500),
      outcome: 'ok',
      details: {
        reports: ids,
        indicators: indicators.map((i) => i.object.id),
        distribution: req.distribution,
        tlp: req.tlp,
      },
    });
  });
  return {
    reports: ids.length,
    indicators: indicators.map((i) => ({
      id: i.object.id,
      kind: i.o.kind,
      value: i.o.value,
      status: statuses.get(i.object.id) ?? 'created',
    })),
  };
}
