import type { Kysely } from 'kysely';
import { z } from 'zod';
import { invalidInput } from '../errors.js';
import type { Viewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import { operationAccess } from './operation-access.js';
import { parseInput } from './operations.js';
import { TARGET_KINDS } from './target-kind.js';
import { TARGET_STATUSES } from './target-status.js';
import type { Target } from './targets.js';
import { presentTargets } from './targets.js';

export const TargetPageQuery = z.object({
  status: z.enum(TARGET_STATUSES).optional(),
  kind: z.enum(TARGET_KINDS).optional(),
  country: z
    .string()
    .regex(/^([A-Z]{2}|none)$/, 'a country is an ISO 3166-1 alpha-2 code, or none')
    .optional(),
  contributor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The `next` cursor of the previous page. */
  after: z.string().max(400).optional(),
});
export type TargetPageQuery = z.input<typeof TargetPageQuery>;

export interface TargetKeysetPage {
  total: number;
  targets: Target[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

function decodeCursor(cursor: string): { created: string; id: string } {
  const [created, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('\u0000');
  if (created === undefined || id === undefined || !id.startsWith('target--'))
    throw invalidInput('invalid_cursor', 'after: not a cursor this API gave out');
  return { created, id };
}

const encodeCursor = (t: { created: string; id: string }) =>
  Buffer.from(`${t.created}\u0000${t.id}`, 'utf8').toString('base64url');

/**
 * A page of an operation's targets, oldest first, filtered by status, kind, country and contributing
 * organisation, paged by keyset on (created, id) so deep pages cost what the first does. Participants
 * and administrators only: everyone else gets `not_found`, never a count.
 */
export async function targetPage(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
  raw: TargetPageQuery = {},
): Promise<TargetKeysetPage> {
  const q = parseInput(TargetPageQuery, raw, 'query');
  const access = await operationAccess(db, viewer, operationId);
  const cursor = q.after === undefined ? null : decodeCursor(q.after);
  let base = db.selectFrom('operation_targets as t').where('t.operation_id', '=', access.operation.id);
  if (q.status !== undefined) base = base.where('t.status', '=', q.status);
  if (q.kind !== undefined) base = base.where('t.kind', '=', q.kind);
  if (q.country === 'none') base = base.where('t.country', 'is', null);
  else if (q.country !== undefined) base = base.where('t.country', '=', q.country);
  if (q.contributor !== undefined) {
    const org = q.contributor;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('operation_contributions as c')
          .select('c.target_id')
          .whereRef('c.target_id', '=', 't.id')
          .where('c.org_id', '=', org),
      ),
    );
  }
  const [{ n }] = (await base.select((eb) => eb.fn.countAll<number | string>().as('n')).execute()) as [
    { n: number | string },
  ];
  let page = base.selectAll('t');
  if (cursor !== null)
    page = page.where((eb) =>
      eb.or([
        eb('t.created', '>', cursor.created),
        eb.and([eb('t.created', '=', cursor.created), eb('t.id', '>', cursor.id)]),
      ]),
    );
  const rows = await page
    .orderBy('t.created')
    .orderBy('t.id')
    .limit(q.limit + 1)
    .execute();
  const more = rows.length > q.limit;
  const shown = more ? rows.slice(0, q.limit) : rows;
  const last = shown.at(-1);
  return {
    total: Number(n),
    targets: await presentTargets(db, viewer, shown),
    next: more && last !== undefined ? encodeCursor(last) : null,
  };
}
