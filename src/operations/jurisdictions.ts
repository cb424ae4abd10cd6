import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isCountryCode } from '../admin/countries.js';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { invalidInput, notFound } from '../errors.js';
import type { UserViewer, Viewer } from '../policy/viewer.js';
import { computeScoId } from '../stix/sco-id.js';
import { indexedJsonText, jsonText } from '../store/json-sql.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import type { SqlDialect, Store } from '../store/store.js';
import type { IpJurisdiction, IpJurisdictionDb } from './ip-jurisdiction-db.js';
import { sharedIpJurisdictionDb } from './ip-jurisdiction-db.js';
import { operationAccess, requireOperationManager } from './operation-access.js';
import { parseInput } from './operations.js';

export interface JurisdictionResult {
  resolved: number;
  unresolved: number;
  /** Targets an analyst's override keeps as they are. */
  overridden: number;
}

const CHUNK = 400;

interface Found extends IpJurisdiction {
  source: 'ip-db' | 'resolves-to' | 'location';
}

/**
 * Works out the jurisdiction of every target of an operation that has no analyst override: IP
 * addresses (and a CIDR's network address) from the offline IP database; domains, URLs and e-mail
 * domains through the `resolves-to` relationships the store holds to IPv4/IPv6 addresses the viewer may
 * see; suspects and victims through `located-at` relationships of their linked STIX objects to
 * locations with a country. Targets found nowhere keep no country.
 */
export async function resolveJurisdictions(
  store: Store,
  actor: UserViewer,
  operationId: string,
  ipDb: IpJurisdictionDb = sharedIpJurisdictionDb(),
): Promise<JurisdictionResult> {
  return store.writeTransaction(async (trx) => {
    const access = await operationAccess(trx, actor, operationId);
    requireOperationManager(access, actor, 'work out jurisdictions');
    const rows = await trx
      .selectFrom('operation_targets')
      .select(['id', 'kind', 'value', 'jurisdiction_source', 'stix_refs'])
      .where('operation_id', '=', access.operation.id)
      .execute();
    const result: JurisdictionResult = { resolved: 0, unresolved: 0, overridden: 0 };
    const found = new Map<string, Found | null>();
    const byHost = new Map<string, string[]>();
    const byRefs = new Map<string, string[]>();
    for (const r of rows) {
      if (r.jurisdiction_source === 'override') {
        result.overridden++;
        continue;
      }
      const address = addressOf(r.kind, r.value);
      if (address !== null) {
        const j = ipDb.lookup(address);
        found.set(
          r.id,
          j === null || (j.country === null && j.asn === null) ? null : { ...j, source: 'ip-db' },
        );
        continue;
      }
      const host = hostOf(r.kind, r.value);
      if (host !== null) byHost.set(host, [...(byHost.get(host) ?? []), r.id]);
      else {
        const refs = JSON.parse(r.stix_refs) as string[];
        if (refs.length > 0) byRefs.set(r.id, refs);
        found.set(r.id, null);
      }
    }
    await resolveHosts(trx, store.dialect, actor, ipDb, byHost, found);
    await resolveLocations(trx, store.dialect, actor, byRefs, found);
    await writeFound(trx, found, result);
    return result;
  });
}

function addressOf(kind: string, value: string): string | null {
  if (kind === 'ipv4' || kind === 'ipv6') return value;
  if (kind === 'cidr') return value.slice(0, value.indexOf('/'));
  if (kind === 'url') {
    const host = urlHost(value);
    if (host !== null && (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')))
      return host.replace(/^\[|\]$/g, '');
  }
  return null;
}

function urlHost(value: string): string | null {
  try {
    return new URL(value).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function hostOf(kind: string, value: string): string | null {
  if (kind === 'domain') return value;
  if (kind === 'url') return urlHost(value);
  if (kind === 'email') return value.slice(value.lastIndexOf('@') + 1);
  return null;
}

/** Domains → the visible `resolves-to` relationships from their domain-name SCO → visible addresses. */
async function resolveHosts(
  db: Kysely<Database>,
  dialect: SqlDialect,
  viewer: Viewer,
  ipDb: IpJurisdictionDb,
  byHost: Map<string, string[]>,
  found: Map<string, Found | null>,
): Promise<void> {
  const hosts = [...byHost.keys()];
  const scoOf = new Map(
    hosts.map((h) => [computeScoId({ type: 'domain-name', id: '', spec_version: '2.1', value: h }) ?? '', h]),
  );
  const addressesOf = new Map<string, string[]>();
  const ids = [...scoOf.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const source = indexedJsonText(dialect, 'o.data', 'source_ref');
    const target = indexedJsonText(dialect, 'o.data', 'target_ref');
    const rels = await visibleCurrent(db, viewer)
      .select([source.as('source'), target.as('target')])
      .where('o.type', '=', 'relationship')
      .where(source, 'in', ids.slice(i, i + CHUNK))
      .where(jsonText(dialect, 'o.data', 'relationship_type'), '=', 'resolves-to')
      .execute();
    const targets = [...new Set(rels.map((r) => r.target ?? ''))].filter((t) => /^ipv[46]-addr--/.test(t));
    const values = new Map<string, string>();
    for (let j = 0; j < targets.length; j += CHUNK) {
      const addrs = await visibleCurrent(db, viewer)
        .select(['o.id', jsonText(dialect, 'o.data', 'value').as('value')])
        .where('o.id', 'in', targets.slice(j, j + CHUNK))
        .execute();
      for (const a of addrs) if (a.value !== null) values.set(a.id, a.value);
    }
    for (const r of rels) {
      const host = scoOf.get(r.source ?? '');
      const value = values.get(r.target ?? '');
      if (host !== undefined && value !== undefined)
        addressesOf.set(host, [...(addressesOf.get(host) ?? []), value]);
    }
  }
  for (const [host, targetIds] of byHost) {
    const addresses = (addressesOf.get(host) ?? []).sort();
    let j: Found | null = null;
    for (const a of addresses) {
      const hit = ipDb.lookup(a.replace(/\/\d+$/, ''));
      if (hit !== null && hit.country !== null) {
        j = { ...hit, source: 'resolves-to' };
        break;
      }
    }
    for (const id of targetIds) found.set(id, j);
  }
}

/** Suspects and victims: `located-at` from a linked object to a visible location with a country. */
async function resolveLocations(
  db: Kysely<Database>,
  dialect: SqlDialect,
  viewer: Viewer,
  byRefs: Map<string, string[]>,
  found: Map<string, Found | null>,
): Promise<void> {
  const refs = [...new Set([...byRefs.values()].flat())];
  if (refs.length === 0) return;
  const source = indexedJsonText(dialect, 'o.data', 'source_ref');
  const target = indexedJsonText(dialect, 'o.data', 'target_ref');
  const countryOf = new Map<string, string>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const rels = await visibleCurrent(db, viewer)
      .select([source.as('source'), target.as('target')])
      .where('o.type', '=', 'relationship')
      .where(source, 'in', refs.slice(i, i + CHUNK))
      .where(jsonText(dialect, 'o.data', 'relationship_type'), '=', 'located-at')
      .execute();
    const locations = [...new Set(rels.map((r) => r.target ?? ''))];
    if (locations.length === 0) continue;
    const rows = await visibleCurrent(db, viewer)
      .select(['o.id', jsonText(dialect, 'o.data', 'country').as('country')])
      .where('o.id', 'in', locations)
      .execute();
    const country = new Map(rows.map((r) => [r.id, r.country?.toUpperCase() ?? null]));
    for (const r of rels) {
      const c = country.get(r.target ?? '');
      if (c != null && isCountryCode(c) && !countryOf.has(r.source ?? '')) countryOf.set(r.source ?? '', c);
    }
  }
  for (const [targetId, ids] of byRefs) {
    const c = ids.map((id) => countryOf.get(id)).find((x) => x !== undefined);
    found.set(
      targetId,
      c === undefined ? null : { country: c, asn: null, asnHolder: null, source: 'location' },
    );
  }
}

async function writeFound(
  trx: Kysely<Database>,
  found: Map<string, Found | null>,
  result: JurisdictionResult,
): Promise<void> {
  const groups = new Map<string, { j: Found | null; ids: string[] }>();
  for (const [id, j] of found) {
    if (j === null) result.unresolved++;
    else result.resolved++;
    const key = j === null ? '' : `${j.country ?? ''}|${j.asn ?? ''}|${j.source}`;
    const g = groups.get(key) ?? { j, ids: [] };
    g.ids.push(id);
    groups.set(key, g);
  }
  for (const { j, ids } of groups.values())
    for (let i = 0; i < ids.length; i += CHUNK)
      await trx
        .updateTable('operation_targets')
        .set({
          country: j?.country ?? null,
          asn: j?.asn ?? null,
          asn_holder: j?.asnHolder ?? null,
          jurisdiction_source: j?.source ?? null,
        })
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
}

export const JurisdictionOverride = z.object({
  country: z.string().trim().toUpperCase().refine(isCountryCode, 'an ISO 3166-1 alpha-2 country code'),
  reason: z.string().trim().min(3).max(1000),
});
export type JurisdictionOverride = z.input<typeof JurisdictionOverride>;

/** An analyst sets a target's country by hand, with a reason; the change and both values are audited. */
export async function overrideJurisdiction(
  store: Store,
  actor: UserViewer,
  operationId: string,
  targetId: string,
  raw: JurisdictionOverride,
): Promise<void> {
  const input = parseInput(JurisdictionOverride, raw, 'body');
  await auditedWrite(
    store,
    actor,
    { action: 'operation.target.jurisdiction', target: targetId },
    async (trx) => {
      const access = await operationAccess(trx, actor, operationId);
      requireOperationManager(access, actor, 'override jurisdictions');
      const before = await trx
        .selectFrom('operation_targets')
        .select(['country', 'jurisdiction_source'])
        .where('operation_id', '=', access.operation.id)
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (before === undefined) throw notFound(`target ${targetId}`);
      if (before.jurisdiction_source === 'override' && before.country === input.country)
        throw invalidInput('unchanged', `the target's jurisdiction is already ${input.country}`);
      await trx
        .updateTable('operation_targets')
        .set({ country: input.country, jurisdiction_source: 'override', override_reason: input.reason })
        .where('id', '=', targetId)
        .execute();
      await auditOk(trx, actor, 'operation.target.jurisdiction', targetId, {
        operation: access.operation.id,
        before: before.country,
        after: input.country,
        reason: input.reason,
      });
    },
  );
}
