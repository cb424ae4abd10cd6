import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../../store/schema.js';
import { operationAccess } from '../operation-access.js';
import { NETWORK_KINDS } from '../target-kind.js';
import type { TargetKind } from '../target-kind.js';
import type { XarfContact, XarfReport } from './xarf.js';
import { xarfReport } from './xarf.js';

export interface NotificationRecipient {
  /** A network holder (by ASN) for hosts; the national CERT of the country for victim groups. */
  type: 'network-holder' | 'national-cert';
  asn: number | null;
  name: string;
  country: string | null;
  /** The CERT organisation on this instance, when one is registered for the country. */
  orgId: string | null;
}

export interface NotificationBatch {
  recipient: NotificationRecipient;
  count: number;
  reports: XarfReport[];
}

export interface VictimNotifications {
  operationId: string;
  generated: string;
  total: number;
  recipients: NotificationBatch[];
}

/**
 * Abuse reports for the operation's victims: victim groups, and network targets that are compromised
 * hosts (actioned as `notified`, or every network target with `allNetwork`), grouped per network holder
 * or national CERT, one XARF v4 report per victim. Participants and administrators only. The reports
 * name the lead organisation as reporter and sender, with `contact` (an abuse desk's address, say) as
 * the address to answer, or else the address of the user who generates them.
 */
export async function victimNotifications(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
  opts: { allNetwork?: boolean; now?: string; contact?: string } = {},
): Promise<VictimNotifications> {
  const access = await operationAccess(db, viewer, operationId);
  const op = access.operation;
  const now = opts.now ?? new Date().toISOString();
  const rows = await db
    .selectFrom('operation_targets')
    .select(['id', 'kind', 'value', 'country', 'asn', 'asn_holder', 'status_detail', 'created'])
    .where('operation_id', '=', op.id)
    .orderBy('created')
    .orderBy('id')
    .execute();
  const lead = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', op.leadOrg)
    .executeTakeFirst();
  const reporter = await reporterContact(db, viewer, lead?.name ?? op.leadOrg, opts.contact);
  const certs = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'country'])
    .where('kind', '=', 'cert')
    .execute();
  const batches = new Map<string, NotificationBatch>();
  for (const r of rows) {
    const network = NETWORK_KINDS.has(r.kind as TargetKind);
    const victim =
      r.kind === 'victim-group' || (network && (opts.allNetwork === true || r.status_detail === 'notified'));
    if (!victim) continue;
    const recipient: NotificationRecipient =
      network && r.asn !== null
        ? {
            type: 'network-holder',
            asn: r.asn,
            name: r.asn_holder ?? `AS${r.asn}`,
            country: r.country,
            orgId: null,
          }
        : nationalCert(r.country, certs);
    const key = `${recipient.type}\u0000${recipient.asn ?? ''}\u0000${recipient.country ?? ''}`;
    const batch = batches.get(key) ?? { recipient, count: 0, reports: [] };
    batch.reports.push(
      xarfReport({
        reporter,
        operationId: op.id,
        operationCode: op.code,
        targetId: r.id,
        kind: r.kind,
        value: r.value,
        firstSeen: r.created,
      }),
    );
    batch.count++;
    batches.set(key, batch);
  }
  const recipients = [...batches.values()].sort(
    (a, b) => b.count - a.count || a.recipient.name.localeCompare(b.recipient.name),
  );
  return {
    operationId: op.id,
    generated: now,
    total: recipients.reduce((n, b) => n + b.count, 0),
    recipients,
  };
}

async function reporterContact(
  db: Kysely<Database>,
  viewer: Viewer,
  org: string,
  contact: string | undefined,
): Promise<XarfContact> {
  const address =
    contact ??
    (viewer.kind === 'user'
      ? (await db.selectFrom('users').select('email').where('id', '=', viewer.userId).executeTakeFirst())
          ?.email
      : undefined) ??
    '';
  return { org, contact: address, domain: address.slice(address.lastIndexOf('@') + 1) };
}

function nationalCert(
  country: string | null,
  certs: { id: string; name: string; country: string | null }[],
): NotificationRecipient {
  const cert = certs.find((c) => c.country !== null && c.country === country);
  return {
    type: 'national-cert',
    asn: null,
    name:
      cert?.name ??
      (country === null ? 'national CERT (jurisdiction unknown)' : `national CERT of ${country}`),
    country,
    orgId: cert?.id ?? null,
  };
}
