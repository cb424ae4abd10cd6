import { randomUUID } from 'node:crypto';
import type { Db } from '../store/store.js';
import type { TaxiiStatusTable } from '../store/schema.js';

/** TAXII 2.1 status details: one per object of a POST. */
export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

/** The TAXII 2.1 status resource (section 4.3.1). */
export interface TaxiiStatusResource {
  id: string;
  status: 'complete' | 'pending';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  successes: StatusDetail[];
  failure_count: number;
  failures: StatusDetail[];
  pending_count: number;
  pendings: StatusDetail[];
}

export interface NewStatus {
  collectionId: string;
  ownerUser: string;
  requestTimestamp: string;
  successes: StatusDetail[];
  failures: StatusDetail[];
}

/** Records the outcome of a POST; imports run to completion in the request, so nothing is pending. */
export async function saveStatus(db: Db, s: NewStatus): Promise<TaxiiStatusResource> {
  const row: TaxiiStatusTable = {
    id: randomUUID(),
    collection_id: s.collectionId,
    owner_user: s.ownerUser,
    status: 'complete',
    request_timestamp: s.requestTimestamp,
    total_count: s.successes.length + s.failures.length,
    success_count: s.successes.length,
    failure_count: s.failures.length,
    pending_count: 0,
    successes: JSON.stringify(s.successes),
    failures: JSON.stringify(s.failures),
    pendings: '[]',
  };
  await db.insertInto('taxii_status').values(row).execute();
  return presentStatus(row);
}

/** A status for the user who sent the POST; anyone else is told it does not exist. */
export async function loadStatus(
  db: Db,
  id: string,
  userId: string,
): Promise<TaxiiStatusResource | undefined> {
  const row = await db
    .selectFrom('taxii_status')
    .selectAll()
    .where('id', '=', id)
    .where('owner_user', '=', userId)
    .executeTakeFirst();
  return row === undefined ? undefined : presentStatus(row);
}

function presentStatus(row: TaxiiStatusTable): TaxiiStatusResource {
  return {
    id: row.id,
    status: row.status === 'pending' ? 'pending' : 'complete',
    request_timestamp: row.request_timestamp,
    total_count: row.total_count,
    success_count: row.success_count,
    successes: JSON.parse(row.successes) as StatusDetail[],
    failure_count: row.failure_count,
    failures: JSON.parse(row.failures) as StatusDetail[],
    pending_count: row.pending_count,
    pendings: JSON.parse(row.pendings) as StatusDetail[],
  };
}
