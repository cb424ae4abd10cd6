import type { Kysely } from 'kysely';
import { z } from 'zod';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { forbidden } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { parseInput } from './operations.js';
import type { TargetKind } from './target-kind.js';
import { TARGET_KINDS } from './target-kind.js';

/** The recommended action per target kind that a CAR prints unless an administrator changed it. */
export const DEFAULT_ACTIONS: Readonly<Record<TargetKind, string>> = {
  ipv4: 'Identify the hosting provider; preserve server data; seize or take down the server.',
  ipv6: 'Identify the hosting provider; preserve server data; seize or take down the server.',
  cidr: 'Identify the network holder; request abuse handling and preservation for the range.',
  domain: 'Request suspension or sinkholing from the registry or registrar; preserve registration data.',
  url: 'Request removal of the content from the hosting provider; preserve logs.',
  email: 'Request subscriber information and preservation from the mail provider.',
  'threat-actor': 'Open or join a national investigation; consider arrest or search warrants.',
  identity: 'Identify and locate the person; consider arrest or search warrants.',
  handle: 'Request subscriber information from the platform; preserve account data.',
  wallet: 'Trace the funds; request freezing and subscriber data from the exchange.',
  'bank-account': 'Request freezing of the account and its holder information from the bank.',
  'victim-group': 'Notify the victims through the national CERT or the network holders.',
};

/** The table as it stands: edited rows over the defaults. */
export async function actionTemplates(db: Kysely<Database>): Promise<Record<TargetKind, string>> {
  const rows = await db.selectFrom('operation_action_templates').select(['kind', 'action']).execute();
  const table: Record<TargetKind, string> = { ...DEFAULT_ACTIONS };
  for (const r of rows)
    if ((TARGET_KINDS as readonly string[]).includes(r.kind)) table[r.kind as TargetKind] = r.action;
  return table;
}

export const ActionTemplateInput = z.object({
  kind: z.enum(TARGET_KINDS),
  action: z.string().trim().min(3).max(2000),
});

/** Edits the recommended action of a kind (administrators only), audited with the text before. */
export async function setActionTemplate(
  store: Store,
  actor: UserViewer,
  raw: z.input<typeof ActionTemplateInput>,
  now: string = new Date().toISOString(),
): Promise<Record<TargetKind, string>> {
  const input = parseInput(ActionTemplateInput, raw, 'body');
  return await auditedWrite(
    store,
    actor,
    { action: 'operation.template.set', target: input.kind },
    async (trx) => {
      if (actor.role !== 'admin' || actor.readOnly)
        throw forbidden('only an administrator may edit action templates');
      const before = (await actionTemplates(trx))[input.kind];
      await trx.deleteFrom('operation_action_templates').where('kind', '=', input.kind).execute();
      await trx
        .insertInto('operation_action_templates')
        .values({ kind: input.kind, action: input.action, updated: now, updated_by: actor.userId })
        .execute();
      await auditOk(trx, actor, 'operation.template.set', input.kind, { before, after: input.action });
      return actionTemplates(trx);
    },
  );
}
