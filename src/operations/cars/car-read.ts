import type { Kysely } from 'kysely';
import { notFound } from '../../errors.js';
import type { Viewer } from '../../policy/viewer.js';
import type { Database, OperationCarRecipientsTable, OperationCarsTable } from '../../store/schema.js';
import { operationAccess } from '../operation-access.js';
import type { CarBundle } from './car-stix.js';

export interface CarRecipient {
  orgId: string;
  issued: string;
  issuedBy: string;
  handling: string | null;
  releaseAuthority: string;
  acknowledged: string | null;
}

export interface CarSummary {
  id: string;
  operationId: string;
  country: string;
  reportId: string;
  tlp: string;
  targetCount: number;
  created: string;
  createdBy: string;
  recipients: CarRecipient[];
}

export interface CarDetail extends CarSummary {
  bundle: CarBundle;
}

export function toCarSummary(r: OperationCarsTable, recipients: OperationCarRecipientsTable[]): CarSummary {
  return {
    id: r.id,
    operationId: r.operation_id,
    country: r.country,
    reportId: r.report_id,
    tlp: r.tlp,
    targetCount: r.target_count,
    created: r.created,
    createdBy: r.created_by,
    recipients: recipients
      .filter((x) => x.car_id === r.id)
      .map((x) => ({
        orgId: x.org_id,
        issued: x.issued,
        issuedBy: x.issued_by,
        handling: x.handling,
        releaseAuthority: x.release_authority,
        acknowledged: x.acknowledged,
      })),
  };
}

const SUMMARY = [
  'id',
  'operation_id',
  'country',
  'report_id',
  'tlp',
  'target_count',
  'created',
  'created_by',
] as const;

/** The CARs of an operation, newest first (participants and administrators only). */
export async function listCars(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
): Promise<CarSummary[]> {
  const access = await operationAccess(db, viewer, operationId);
  const rows = await db
    .selectFrom('operation_cars')
    .select(SUMMARY)
    .where('operation_id', '=', access.operation.id)
    .orderBy('created', 'desc')
    .orderBy('country')
    .execute();
  const recipients = await db
    .selectFrom('operation_car_recipients as r')
    .innerJoin('operation_cars as c', 'c.id', 'r.car_id')
    .selectAll('r')
    .where('c.operation_id', '=', access.operation.id)
    .orderBy('r.issued')
    .execute();
  return rows.map((r) => toCarSummary({ ...r, bundle: '', html: '' }, recipients));
}

/**
 * One CAR with its bundle and HTML: for the operation's participants and administrators, and for an
 * organisation it was issued to (a national agency outside the operation reads exactly what it got).
 */
export async function getCar(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
  carId: string,
): Promise<CarDetail & { html: string }> {
  const missing = notFound(`CAR ${carId}`);
  const row = await db.selectFrom('operation_cars').selectAll().where('id', '=', carId).executeTakeFirst();
  if (row === undefined) throw missing;
  const recipients = await db
    .selectFrom('operation_car_recipients')
    .selectAll()
    .where('car_id', '=', carId)
    .execute();
  const orgId = viewer.kind === 'user' ? viewer.orgId : null;
  const isRecipient = recipients.some((r) => r.org_id === orgId);
  if (!isRecipient) {
    const access = await operationAccess(db, viewer, operationId);
    if (access.operation.id !== row.operation_id) throw missing;
  } else {
    const op = await db
      .selectFrom('operations')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', operationId), eb('code', '=', operationId)]))
      .executeTakeFirst();
    if (op?.id !== row.operation_id) throw missing;
  }
  // A recipient outside the operation sees its own dissemination record, not who else received it.
  const shown =
    isRecipient && !(await isParticipant(db, viewer, row.operation_id))
      ? recipients.filter((r) => r.org_id === orgId)
      : recipients;
  return { ...toCarSummary(row, shown), bundle: JSON.parse(row.bundle) as CarBundle, html: row.html };
}

async function isParticipant(db: Kysely<Database>, viewer: Viewer, operationId: string): Promise<boolean> {
  if (viewer.kind !== 'user') return false;
  if (viewer.role === 'admin') return true;
  const p = await db
    .selectFrom('operation_participants')
    .select('org_id')
    .where('operation_id', '=', operationId)
    .where('org_id', '=', viewer.orgId)
    .executeTakeFirst();
  return p !== undefined;
}
