import type { Kysely } from 'kysely';
import { requireAdmin } from '../../admin/authorise.js';
import { appendAudit } from '../../audit/index.js';
import { invalidInput, intakeNotConfigured } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Database } from '../../store/schema.js';
import type { Store } from '../../store/store.js';

const KEY = 'organisation';

/** The STIX identity id of the organisation whose inbox receives reports, or null if none is set. */
export async function intakeOrganisation(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('public_intake_settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function requireIntakeOrganisation(db: Kysely<Database>): Promise<string> {
  const org = await intakeOrganisation(db);
  if (org === null) throw intakeNotConfigured();
  return org;
}

/** Chooses the intake organisation (an administrator's act, audited). */
export async function setIntakeOrganisation(store: Store, admin: UserViewer, orgId: string): Promise<void> {
  requireAdmin(admin, 'choose the intake organisation');
  const known = await store.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (known === undefined) throw invalidInput('unknown_organisation', `organisation ${orgId} does not exist`);
  const updated = new Date().toISOString();
  await store.writeTransaction(async (trx) => {
    await trx.deleteFrom('public_intake_settings').where('key', '=', KEY).execute();
    await trx.insertInto('public_intake_settings').values({ key: KEY, value: orgId, updated }).execute();
    await appendAudit(trx, {
      actor: admin.userId,
      actorOrg: admin.orgId,
      action: 'intake.organisation.set',
      target: orgId,
      outcome: 'ok',
    });
  });
}

/** The viewer as which intake writes: a contributor of the intake organisation, never an admin. */
export function intakeWriter(orgId: string): UserViewer {
  return {
    kind: 'user',
    userId: 'system:intake',
    email: '',
    orgId,
    role: 'contributor',
    groups: [],
    readOnly: false,
  };
}
