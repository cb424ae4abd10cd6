import { randomUUID } from 'node:crypto';
import { auditOk } from '../../audit/index.js';
import { forbidden, notFound } from '../../errors.js';
import { audienceKey } from '../../policy/visibility.js';
import type { UserViewer, Viewer } from '../../policy/viewer.js';
import type { LandscapeReportsTable } from '../../store/schema.js';
import type { Db, Store } from '../../store/store.js';
import { clearVariant } from './clear-variant.js';
import { computeLandscape, publicNames } from './compute-landscape.js';
import type { LandscapeSources } from './compute-landscape.js';
import type { LandscapeFigures } from './figures.js';
import type { LandscapeRequest } from './landscape-request.js';
import { Narrative, narrativeScaffold } from './narrative.js';

export interface LandscapeReport {
  id: string;
  title: string;
  created: string;
  updated: string;
  created_by: string;
  variant: 'full' | 'clear';
  tlp: string;
  request: LandscapeRequest;
  figures: LandscapeFigures;
  narrative: Narrative;
}

export type LandscapeReportSummary = Omit<LandscapeReport, 'figures' | 'narrative' | 'request'> & {
  period: { from: string; to: string };
};

/** The figures of a request: computed for the viewer, then made CLEAR when asked. */
export async function landscapeFigures(
  db: Db,
  viewer: Viewer,
  request: LandscapeRequest,
  sources: LandscapeSources = {},
): Promise<LandscapeFigures> {
  const full = await computeLandscape(db, viewer, request, sources);
  return request.variant === 'clear' ? clearVariant(full, await publicNames(db), request.threshold) : full;
}

/** Computes a report for `viewer`, with a first draft of its narrative, and saves it. */
export async function createLandscapeReport(
  store: Store,
  viewer: UserViewer,
  request: LandscapeRequest,
  title: string,
  sources: LandscapeSources = {},
): Promise<LandscapeReport> {
  const figures = await landscapeFigures(store.db, viewer, request, sources);
  const now = figures.generated_at;
  const row: LandscapeReportsTable = {
    id: `landscape-report--${randomUUID()}`,
    created: now,
    updated: now,
    created_by: viewer.userId,
    owner_org: viewer.orgId,
    audience: audienceKey(viewer),
    title,
    variant: request.variant,
    tlp: figures.tlp,
    request: JSON.stringify(request),
    figures: JSON.stringify(figures),
    narrative: JSON.stringify(narrativeScaffold(figures)),
  };
  await store.writeTransaction(async (trx) => {
    await trx.insertInto('landscape_reports').values(row).execute();
    await auditOk(trx, viewer, 'report.landscape.create', row.id, {
      from: request.from,
      to: request.to,
      variant: request.variant,
      tlp: figures.tlp,
    });
  });
  return fromRow(row);
}

/**
 * Who may read a saved report: admins; viewers of the creator's audience (they would compute the same
 * figures); and, for the CLEAR variant, every signed-in user. Anyone else is told it does not exist.
 */
function readable(viewer: Viewer, row: Pick<LandscapeReportsTable, 'audience' | 'variant'>): boolean {
  if (viewer.kind === 'anonymous') return false;
  if (viewer.role === 'admin') return true;
  return row.audience === audienceKey(viewer) || row.variant === 'clear';
}

export async function getLandscapeReport(db: Db, viewer: Viewer, id: string): Promise<LandscapeReport> {
  const row = await db.selectFrom('landscape_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined || !readable(viewer, row)) throw notFound(`report ${id}`);
  return fromRow(row);
}

export async function listLandscapeReports(db: Db, viewer: Viewer): Promise<LandscapeReportSummary[]> {
  if (viewer.kind === 'anonymous') return [];
  let q = db
    .selectFrom('landscape_reports')
    .select(['id', 'title', 'created', 'updated', 'created_by', 'variant', 'tlp', 'audience', 'request'])
    .orderBy('created', 'desc')
    .orderBy('id')
    .limit(500);
  if (viewer.role !== 'admin')
    q = q.where((eb) => eb.or([eb('audience', '=', audienceKey(viewer)), eb('variant', '=', 'clear')]));
  const rows = await q.execute();
  return rows.map((r) => {
    const request = JSON.parse(r.request) as LandscapeRequest;
    return {
      id: r.id,
      title: r.title,
      created: r.created,
      updated: r.updated,
      created_by: r.created_by,
      variant: r.variant as 'full' | 'clear',
      tlp: r.tlp,
      period: { from: request.from, to: request.to },
    };
  });
}

/** Saves the analyst's edited narrative; only viewers of the report's own audience (or admins) edit. */
export async function saveNarrative(
  store: Store,
  viewer: UserViewer,
  id: string,
  narrative: Narrative,
): Promise<LandscapeReport> {
  const checked = Narrative.parse(narrative);
  return store.writeTransaction(async (trx) => {
    const row = await trx.selectFrom('landscape_reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined || !readable(viewer, row)) throw notFound(`report ${id}`);
    if (viewer.readOnly || (viewer.role !== 'admin' && row.audience !== audienceKey(viewer)))
      throw forbidden('only the organisation that built this report can edit its narrative');
    const updated = new Date().toISOString();
    const text = JSON.stringify(checked);
    await trx
      .updateTable('landscape_reports')
      .set({ narrative: text, updated })
      .where('id', '=', id)
      .execute();
    await auditOk(trx, viewer, 'report.landscape.narrative', id);
    return fromRow({ ...row, narrative: text, updated });
  });
}

function fromRow(row: LandscapeReportsTable): LandscapeReport {
  return {
    id: row.id,
    title: row.title,
    created: row.created,
    updated: row.updated,
    created_by: row.created_by,
    variant: row.variant as 'full' | 'clear',
    tlp: row.tlp,
    request: JSON.parse(row.request) as LandscapeRequest,
    figures: JSON.parse(row.figures) as LandscapeFigures,
    narrative: JSON.parse(row.narrative) as Narrative,
  };
}
