import { notFound } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import { intakeOrganisation } from '../../public/intake/intake-organisation.js';
import type { Store } from '../../store/store.js';
import type { SessionInfo } from './session.schema.js';

/** Who the viewer is, for the UI's header and for deciding which pages to offer. */
export async function sessionInfo(store: Store, viewer: UserViewer): Promise<SessionInfo> {
  const row = await store.db
    .selectFrom('users as u')
    .innerJoin('organisations as g', 'g.id', 'u.org_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'g.id as org_id',
      'g.name as org_name',
      'g.kind as org_kind',
    ])
    .where('u.id', '=', viewer.userId)
    .executeTakeFirst();
  if (row === undefined) throw notFound(`user ${viewer.userId}`);
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role },
    org: { id: row.org_id, name: row.org_name, kind: row.org_kind },
    groups: [...viewer.groups],
    read_only: viewer.readOnly,
    intake_inbox: viewer.role === 'admin' || (await intakeOrganisation(store.db)) === viewer.orgId,
  };
}
