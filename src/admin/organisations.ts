import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { conflict, notFound } from '../errors.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { requireAdmin, requireOrgManager } from './authorise.js';
import { toOrganisation } from './organisation.js';
import type { Organisation } from './organisation.js';
import {
  checkCountry,
  checkDefaultDistribution,
  checkDefaultTlp,
  checkKind,
  checkName,
  checkSector,
} from './organisation-input.js';
import type { OrganisationInput, OrganisationPatch } from './organisation-input.js';

/** Creates an organisation (administrators only). Its id is a fresh STIX identity id. */
export function createOrganisation(
  store: Store,
  actor: Actor,
  input: OrganisationInput,
  now: string = new Date().toISOString(),
): Promise<Organisation> {
  return auditedWrite(store, actor, { action: 'org.create', target: input.name }, (trx) =>
    createOrganisationIn(trx, actor, input, now),
  );
}

/** The body of `createOrganisation`, for callers already holding the write transaction (bootstrap). */
export async function createOrganisationIn(
  trx: Kysely<Database>,
  actor: Actor,
  input: OrganisationInput,
  now: string,
): Promise<Organisation> {
  requireAdmin(actor, 'create organisations');
  const id = `identity--${randomUUID()}`;
  const name = checkName(input.name, 'organisation');
  await assertNameFree(trx, name, id);
  const defaultTlp = checkDefaultTlp(input.defaultTlp ?? 'none');
  const org: Organisation = {
    id,
    name,
    kind: checkKind(input.kind),
    sector: checkSector(input.sector),
    country: checkCountry(input.country),
    defaultDistribution: await checkDefaultDistribution(
      trx,
      id,
      input.defaultDistribution ?? 'organisation',
      defaultTlp,
    ),
    defaultTlp,
    created: now,
  };
  await trx.insertInto('organisations').values(toRow(org)).execute();
  await auditOk(trx, actor, 'org.create', org.id, { ...org });
  return org;
}

/** Every organisation, by name. Organisations are community knowledge (their identities are shared). */
export async function listOrganisations(db: Kysely<Database>): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisations').selectAll().orderBy('name').execute();
  return rows.map(toOrganisation);
}

export async function getOrganisation(db: Kysely<Database>, id: string): Promise<Organisation> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound(`organisation ${id}`);
  return toOrganisation(row);
}

/**
 * Changes an organisation's details: administrators any organisation, an org-admin their own. Only an
 * administrator changes the kind (law enforcement is a claim the instance vouches for).
 */
export function updateOrganisation(
  store: Store,
  actor: Actor,
  id: string,
  patch: OrganisationPatch,
): Promise<Organisation> {
  return auditedWrite(store, actor, { action: 'org.update', target: id }, async (trx) => {
    requireOrgManager(actor, id, 'change an organisation');
    const before = await getOrganisation(trx, id);
    if (patch.kind !== undefined && patch.kind !== before.kind)
      requireAdmin(actor, "change an organisation's kind");
    const name = patch.name === undefined ? before.name : checkName(patch.name, 'organisation');
    if (name !== before.name) await assertNameFree(trx, name, id);
    const defaultTlp = patch.defaultTlp === undefined ? before.defaultTlp : checkDefaultTlp(patch.defaultTlp);
    const after: Organisation = {
      ...before,
      name,
      kind: patch.kind === undefined ? before.kind : checkKind(patch.kind),
      sector: patch.sector === undefined ? before.sector : checkSector(patch.sector),
      country: patch.country === undefined ? before.country : checkCountry(patch.country),
      defaultDistribution: await checkDefaultDistribution(
        trx,
        id,
        patch.defaultDistribution ?? before.defaultDistribution,
        defaultTlp,
      ),
      defaultTlp,
    };
    const { id: _id, created: _created, ...changes } = toRow(after);
    await trx.updateTable('organisations').set(changes).where('id', '=', id).execute();
    await auditOk(trx, actor, 'org.update', id, { before: { ...before }, after: { ...after } });
    return after;
  });
}

/** Names are unique regardless of case, so "ACME" and "Acme" cannot both exist. */
async function assertNameFree(db: Kysely<Database>, name: string, exceptId: string): Promise<void> {
  const clash = await db
    .selectFrom('organisations')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (clash !== undefined) throw conflict('organisation_exists', `an organisation named ${name} exists`);
}

function toRow(org: Organisation) {
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    sector: org.sector,
    country: org.country,
    default_distribution: org.defaultDistribution,
    default_tlp: org.defaultTlp,
    created: org.created,
  };
}
