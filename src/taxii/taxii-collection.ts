import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ROLES, canWriteObjects } from '../policy/viewer.js';
import type { Role, Viewer } from '../policy/viewer.js';
import { requireAdmin } from '../admin/authorise.js';
import type { Actor } from '../audit/actor.js';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import { compiledOnce } from '../store/compiled-once.js';
import type { Db, Store } from '../store/store.js';
import type { TaxiiCollectionsTable } from '../store/schema.js';
import { CollectionFilter } from './collection-filter.js';

/** What an administrator sends to define a collection. */
export const CollectionInput = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  alias: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
    .optional(),
  filter: CollectionFilter.default({}),
  can_read: z.array(z.enum(ROLES)).default([...ROLES]),
  can_write: z.array(z.enum(ROLES)).default(['admin', 'org-admin', 'contributor', 'sync']),
  public: z.boolean().default(false),
});
export type CollectionInput = z.input<typeof CollectionInput>;

/** A collection as the server uses it. */
export interface TaxiiCollection {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  filter: CollectionFilter;
  canRead: Role[];
  canWrite: Role[];
  public: boolean;
  created: string;
}

function fromRow(row: TaxiiCollectionsTable): TaxiiCollection {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    alias: row.alias,
    filter: CollectionFilter.parse(JSON.parse(row.filter)),
    canRead: JSON.parse(row.can_read) as Role[],
    canWrite: JSON.parse(row.can_write) as Role[],
    public: row.public === 1,
    created: row.created,
  };
}

/** Defines a collection (administrators only), audited with the change. */
export async function createCollection(
  store: Store,
  actor: Actor,
  input: CollectionInput,
): Promise<TaxiiCollection> {
  requireAdmin(actor, 'define TAXII collections');
  const parsed = CollectionInput.safeParse(input);
  if (!parsed.success)
    throw invalidInput(
      'invalid_collection',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const c = parsed.data;
  const row: TaxiiCollectionsTable = {
    id: randomUUID(),
    title: c.title,
    description: c.description ?? null,
    alias: c.alias ?? null,
    filter: JSON.stringify(c.filter),
    can_read: JSON.stringify(c.can_read),
    can_write: JSON.stringify(c.can_write),
    public: c.public ? 1 : 0,
    created: new Date().toISOString(),
    created_by: actor.kind === 'user' ? actor.userId : null,
  };
  return auditedWrite(store, actor, { action: 'taxii.collection.create', target: row.id }, async (trx) => {
    if (c.alias !== undefined && (await getCollection(trx, c.alias)) !== undefined)
      throw conflict('alias_taken', `a collection already uses the alias ${c.alias}`);
    await trx.insertInto('taxii_collections').values(row).execute();
    await auditOk(trx, actor, 'taxii.collection.create', row.id, {
      title: c.title,
      filter: c.filter,
      public: c.public,
    });
    return fromRow(row);
  });
}

export async function listCollections(db: Db): Promise<TaxiiCollection[]> {
  const rows = await db
    .selectFrom('taxii_collections')
    .selectAll()
    .orderBy('created')
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

/** A collection by id or alias. */
export async function getCollection(db: Db, idOrAlias: string): Promise<TaxiiCollection | undefined> {
  // Every TAXII request asks for its collection: the query is compiled once per store, and only
  // its two parameters (both `idOrAlias`) change.
  const row = (await collectionRows(db, [idOrAlias, idOrAlias]))[0];
  return row === undefined ? undefined : fromRow(row);
}

const collectionRows = compiledOnce((db: Db) =>
  db
    .selectFrom('taxii_collections')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', ''), eb('alias', '=', '')]))
    .compile(),
);

/** Removes a collection definition (administrators only); the objects it showed stay in the store. */
export async function removeCollection(store: Store, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor, 'remove TAXII collections');
  await auditedWrite(store, actor, { action: 'taxii.collection.remove', target: id }, async (trx) => {
    const result = await trx.deleteFrom('taxii_collections').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound(`collection ${id}`);
    await auditOk(trx, actor, 'taxii.collection.remove', id);
  });
}

/** Anyone may read a public collection (anonymous callers then see public objects only). */
export function canReadCollection(viewer: Viewer, c: TaxiiCollection): boolean {
  if (c.public) return true;
  if (viewer.kind !== 'user') return false;
  return viewer.role === 'admin' || c.canRead.includes(viewer.role);
}

export function canWriteCollection(viewer: Viewer, c: TaxiiCollection): boolean {
  if (!canWriteObjects(viewer)) return false;
  return viewer.role === 'admin' || c.canWrite.includes(viewer.role);
}
