import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditOk, auditedWrite } from '../../audit/audited-write.js';
import { AccordError, invalidInput } from '../../errors.js';
import type { PapLevel, TlpLevel } from '../../policy/tlp.js';
import { tlpRank } from '../../policy/tlp.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { OperationCarsTable } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { validateBundle } from '../../stix/index.js';
import { actionTemplates } from '../action-templates.js';
import { renderCarHtml } from '../car-html.js';
import { operationAccess, requireOperationManager } from '../operation-access.js';
import { parseInput } from '../operations.js';
import { loadCarTargets, papRank } from './car-data.js';
import { buildCarBundle } from './car-stix.js';
import type { CarSummary } from './car-read.js';
import { toCarSummary } from './car-read.js';

export const GenerateCarsInput = z.union([
  z.object({ jurisdiction: z.string().regex(/^[A-Z]{2}$/, 'a jurisdiction is an ISO 3166-1 alpha-2 code') }),
  z.object({ all: z.literal(true) }),
]);
export type GenerateCarsInput = z.input<typeof GenerateCarsInput>;

/**
 * Generates the Cyber Activity Report of one jurisdiction, or of every jurisdiction that holds targets
 * (the lead and participating agencies). Each CAR is a validated STIX 2.1 bundle around one `report`
 * plus its HTML; its TLP and PAP are the most restrictive of the operation's and of every object its
 * targets link to. All in one transaction: a jurisdiction without targets writes nothing.
 */
export async function generateCars(
  store: Store,
  actor: UserViewer,
  operationId: string,
  raw: GenerateCarsInput,
  now: string = new Date().toISOString(),
): Promise<CarSummary[]> {
  const input = parseInput(GenerateCarsInput, raw, 'body');
  const country = 'jurisdiction' in input ? input.jurisdiction : null;
  return await auditedWrite(
    store,
    actor,
    { action: 'operation.car.generate', target: operationId },
    async (trx) => {
      const access = await operationAccess(trx, actor, operationId);
      requireOperationManager(access, actor, 'generate Cyber Activity Reports');
      const op = access.operation;
      const byCountry = await loadCarTargets(trx, op.id, country, await actionTemplates(trx));
      if (byCountry.size === 0)
        throw invalidInput(
          'no_targets',
          country === null
            ? 'the operation has no targets with a jurisdiction yet'
            : `jurisdiction ${country}: the operation has no targets there`,
        );
      const orgNames = new Map<string, string>();
      const rows: OperationCarsTable[] = [];
      for (const [cc, { targets, refTlp, refPap }] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
        const tlp: TlpLevel = tlpRank(refTlp) > tlpRank(op.markings.tlp) ? refTlp! : op.markings.tlp;
        const pap = stricterPap(op.markings.pap as PapLevel | null, refPap);
        const markings = { tlp, pap, handling: op.markings.handling };
        for (const t of targets) for (const c of t.contributors) orgNames.set(c.orgId, c.orgName);
        const { bundle, reportId } = buildCarBundle({
          operation: op,
          country: cc,
          creatorOrg: op.leadOrg,
          created: now,
          markings,
          targets,
        });
        const check = validateBundle(bundle);
        if (!check.valid)
          throw new AccordError(
            'car_invalid',
            500,
            `CAR ${cc} does not validate: ${check.errors[0]?.message ?? ''}`,
          );
        const html = renderCarHtml({
          operation: op,
          country: cc,
          ...markings,
          created: now,
          reportId,
          orgNames,
          targets,
        });
        rows.push({
          id: `car--${randomUUID()}`,
          operation_id: op.id,
          country: cc,
          report_id: reportId,
          tlp,
          target_count: targets.length,
          bundle: JSON.stringify(bundle),
          html,
          created: now,
          created_by: actor.userId,
          group_id: null,
        });
      }
      for (let i = 0; i < rows.length; i += 20)
        await trx
          .insertInto('operation_cars')
          .values(rows.slice(i, i + 20))
          .execute();
      await auditOk(trx, actor, 'operation.car.generate', op.id, {
        cars: rows.map((r) => ({ id: r.id, country: r.country, targets: r.target_count })),
      });
      return rows.map((r) => toCarSummary(r, []));
    },
  );
}

function stricterPap(a: PapLevel | null, b: PapLevel | null): PapLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return papRank(a) >= papRank(b) ? a : b;
}
