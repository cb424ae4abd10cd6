import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { getOrganisation } from '../../admin/organisations.js';
import { addGroupMemberIn, createSharingGroupIn } from '../../admin/sharing-groups.js';
import { SYSTEM } from '../../audit/actor.js';
import { auditOk, auditedWrite } from '../../audit/audited-write.js';
import { conflict, invalidInput, notFound } from '../../errors.js';
import { prepareVersion } from '../../ingest/prepare-version.js';
import { HANDLING_CODES } from '../../policy/markings.js';
import type { UserViewer } from '../../policy/viewer.js';
import { observablesOf } from '../../correlate/observables-of.js';
import type { Database } from '../../store/schema.js';
import { writeVersionsIn } from '../../store/objects/write-versions.js';
import type { VersionRow } from '../../store/objects/version-row.js';
import type { Store } from '../../store/store.js';
import { operationAccess, requireOperationManager } from '../operation-access.js';
import { parseInput } from '../operations.js';
import type { CarBundle } from './car-stix.js';
import type { CarRecipient } from './car-read.js';

/** National agencies a CAR goes to: police, CERTs and government bodies. */
const RECIPIENT_KINDS: readonly string[] = ['law-enforcement', 'cert', 'government'];

export const IssueCarInput = z.object({
  recipientOrg: z.string().min(1),
  releaseAuthority: z.string().trim().min(1).max(500),
  handling: z.enum(HANDLING_CODES).nullish(),
});
export type IssueCarInput = z.input<typeof IssueCarInput>;

/**
 * Issues a CAR to a national agency: the CAR's STIX report and objects are written to the store, owned
 * by the operation's lead and distributed to the CAR's own sharing group (the lead plus every recipient),
 * so the one visibility rule then shows them to the recipient and nobody else. The dissemination
 * (recipient, time, handling, release authority) lands in operation_car_recipients and the audit log,
 * and the CAR's targets still `identified` move to `reported`.
 */
export async function issueCar(
  store: Store,
  actor: UserViewer,
  operationId: string,
  carId: string,
  raw: IssueCarInput,
  now: string = new Date().toISOString(),
): Promise<CarRecipient> {
  const input = parseInput(IssueCarInput, raw, 'body');
  return await auditedWrite(store, actor, { action: 'operation.car.issue', target: carId }, async (trx) => {
    const access = await operationAccess(trx, actor, operationId);
    requireOperationManager(access, actor, 'issue Cyber Activity Reports');
    const op = access.operation;
    const car = await trx
      .selectFrom('operation_cars')
      .selectAll()
      .where('id', '=', carId)
      .where('operation_id', '=', op.id)
      .executeTakeFirst();
    if (car === undefined) throw notFound(`CAR ${carId}`);
    const recipient = await getOrganisation(trx, input.recipientOrg);
    if (!RECIPIENT_KINDS.includes(recipient.kind))
      throw invalidInput(
        'invalid_recipient',
        `body.recipientOrg: ${recipient.name} is a ${recipient.kind} organisation; a CAR goes to law enforcement, a CERT or a government body`,
      );
    const already = await trx
      .selectFrom('operation_car_recipients')
      .select('org_id')
      .where('car_id', '=', car.id)
      .where('org_id', '=', recipient.id)
      .executeTakeFirst();
    if (already !== undefined)
      throw conflict('car_already_issued', `CAR ${car.id} was already issued to ${recipient.name}`);
    let groupId = car.group_id ?? null;
    if (groupId === null) {
      const group = await createSharingGroupIn(
        trx,
        SYSTEM,
        {
          name: `CAR ${op.code} ${car.country} ${car.id.slice(5, 13)}`,
          description: `Recipients of CAR ${car.id}`,
          ownerOrg: op.leadOrg,
        },
        now,
      );
      groupId = group.id;
      await trx.updateTable('operation_cars').set({ group_id: groupId }).where('id', '=', car.id).execute();
    }
    await addGroupMemberIn(trx, SYSTEM, groupId, recipient.id, now);
    const bundle = JSON.parse(car.bundle) as CarBundle;
    await writeCarObjects(store, trx, actor, op.leadOrg, groupId, car.tlp, bundle);
    const row = {
      car_id: car.id,
      org_id: recipient.id,
      issued: now,
      issued_by: actor.userId,
      handling: input.handling ?? op.markings.handling,
      release_authority: input.releaseAuthority,
      acknowledged: null,
    };
    await trx.insertInto('operation_car_recipients').values(row).execute();
    const reported = await markReported(trx, actor, bundle, op.id, now);
    await auditOk(trx, actor, 'operation.car.issue', car.id, {
      operation: op.id,
      country: car.country,
      recipient: recipient.id,
      handling: row.handling,
      releaseAuthority: row.release_authority,
      reportId: car.report_id,
      targetsReported: reported,
    });
    return {
      orgId: row.org_id,
      issued: row.issued,
      issuedBy: row.issued_by,
      handling: row.handling,
      releaseAuthority: row.release_authority,
      acknowledged: null,
    };
  });
}

/**
 * The CAR's objects as versions owned by the lead organisation in the CAR's group. The issuer acts for
 * the operation, whose lead publishes every CAR, so the write goes through the store's ordinary write
 * path as the lead (the placement rules still check TLP against the distribution).
 */
async function writeCarObjects(
  store: Store,
  trx: Kysely<Database>,
  actor: UserViewer,
  leadOrg: string,
  groupId: string,
  tlp: string,
  bundle: CarBundle,
): Promise<void> {
  const writer: UserViewer = { ...actor, orgId: leadOrg, role: 'sync', groups: [groupId], readOnly: false };
  const rows: VersionRow[] = [];
  for (const [i, o] of bundle.objects.entries()) {
    if (o.type === 'marking-definition') continue;
    const prepared = prepareVersion(o, `objects[${i}]`, {
      writer,
      choice: { distribution: `group:${groupId}`, tlp: tlp as 'amber' },
      orgs: new Map(),
      observablesOf,
    });
    if ('code' in prepared) throw invalidInput(prepared.code, prepared.message);
    rows.push(prepared);
  }
  for (let i = 0; i < rows.length; i += 500)
    await writeVersionsIn(store, trx, writer, rows.slice(i, i + 500));
}

async function markReported(
  trx: Kysely<Database>,
  actor: UserViewer,
  bundle: CarBundle,
  operationId: string,
  now: string,
): Promise<number> {
  const ids = bundle.objects.flatMap((o) =>
    typeof o.x_accord_target_id === 'string' ? [o.x_accord_target_id] : [],
  );
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await trx
      .selectFrom('operation_targets')
      .select('id')
      .where('operation_id', '=', operationId)
      .where('status', '=', 'identified')
      .where('id', 'in', chunk)
      .execute();
    if (rows.length === 0) continue;
    await trx
      .updateTable('operation_targets')
      .set({ status: 'reported', status_changed: now, reported_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    await trx
      .insertInto('operation_target_history')
      .values(
        rows.map((r) => ({
          id: randomUUID(),
          target_id: r.id,
          at: now,
          actor: actor.userId,
          actor_org: actor.orgId,
          from_status: 'identified',
          to_status: 'reported',
          detail: null,
          note: 'reported in a Cyber Activity Report',
          evidence: '[]',
        })),
      )
      .execute();
    n += rows.length;
  }
  return n;
}

/** The recipient acknowledges receipt; `not_found` for anyone the CAR was not issued to. */
export async function acknowledgeCar(
  store: Store,
  actor: UserViewer,
  carId: string,
  now: string = new Date().toISOString(),
): Promise<CarRecipient> {
  return await auditedWrite(store, actor, { action: 'operation.car.ack', target: carId }, async (trx) => {
    const row = await trx
      .selectFrom('operation_car_recipients')
      .selectAll()
      .where('car_id', '=', carId)
      .where('org_id', '=', actor.orgId)
      .executeTakeFirst();
    if (row === undefined || actor.readOnly || actor.role === 'reader') throw notFound(`CAR ${carId}`);
    const acknowledged = row.acknowledged ?? now;
    await trx
      .updateTable('operation_car_recipients')
      .set({ acknowledged })
      .where('car_id', '=', carId)
      .where('org_id', '=', actor.orgId)
      .execute();
    await auditOk(trx, actor, 'operation.car.ack', carId, { org: actor.orgId, acknowledged });
    return {
      orgId: row.org_id,
      issued: row.issued,
      issuedBy: row.issued_by,
      handling: row.handling,
      releaseAuthority: row.release_authority,
      acknowledged,
    };
  });
}
