import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Observable } from '../../observable/index.js';
import type { Distribution } from '../../policy/distribution.js';
import { decodeInboxCursor } from '../../public/intake/triage/inbox-cursor.js';
import { inboxPage } from '../../public/intake/triage/inbox-page.js';
import { inboxCounts } from '../../public/intake/triage/inbox-rows.js';
import type { InboxReport, InboxStatus } from '../../public/intake/triage/inbox-rows.js';
import { markBenign } from '../../public/intake/triage/mark-benign.js';
import { promoteReports } from '../../public/intake/triage/promote-reports.js';
import { triageAccess } from '../../public/intake/triage/triage-access.js';
import { requireUser } from '../plugins/viewer.js';
import type { AppContext } from '../app-context.js';
import {
  BenignBody,
  BenignResponse,
  InboxQuery,
  InboxResponse,
  PromoteBody,
  PromoteResponse,
} from './intake-triage.schema.js';

const STATUSES: Record<string, InboxStatus[]> = {
  open: ['new', 'promoted'],
  new: ['new'],
  promoted: ['promoted'],
  benign: ['benign'],
  all: ['new', 'promoted', 'benign'],
};

const present = ({ stixReportId, ...r }: InboxReport) => ({ ...r, stix_report_id: stixReportId });

/** Triage of the intake inbox: list it grouped, promote reports to indicators, mark them benign. */
export function intakeTriageRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/v1/intake/inbox',
      {
        schema: {
          tags: ['intake'],
          description:
            'The intake inbox, grouped, one page of groups at a time (size, cursor), and whether you may triage it. Only what the visibility rule lets you see: the intake organisation’s analysts see its reports; anyone else an empty inbox on every page.',
          querystring: InboxQuery,
          response: { 200: InboxResponse },
        },
      },
      async (request) => {
        const viewer = requireUser(request);
        const q = request.query;
        const filter = `${q.group}/${q.status}`;
        const page = await inboxPage(ctx.store.db, viewer, {
          statuses: STATUSES[q.status]!,
          group: q.group,
          size: q.size,
          filter,
          ...(q.cursor === undefined ? {} : { cursor: decodeInboxCursor(q.cursor, filter) }),
        });
        return {
          triage: await triageAccess(ctx.store.db, viewer),
          counts: await inboxCounts(ctx.store.db, viewer),
          groups: page.groups.map((g) => ({ ...g, reports: g.reports.map(present) })),
          total: page.total,
          page: { size: q.size, next: page.next, previous: page.previous },
        };
      },
    );
    r.post(
      '/api/v1/intake/inbox/promote',
      {
        schema: {
          tags: ['intake'],
          description:
            'Promote reports (one, or a group’s) to STIX indicators of the intake organisation with the chosen TLP and distribution, through the normal write path; audited.',
          body: PromoteBody,
          response: { 200: PromoteResponse },
        },
      },
      async (request) => {
        const b = request.body;
        return promoteReports(ctx.store, requireUser(request), {
          reports: b.reports,
          values: b.values as Observable[] | undefined,
          distribution: b.distribution as Distribution,
          tlp: b.tlp,
        });
      },
    );
    r.post(
      '/api/v1/intake/inbox/benign',
      {
        schema: {
          tags: ['intake'],
          description: 'Mark reports benign: kept, hidden from the default inbox view, counted; audited.',
          body: BenignBody,
          response: { 200: BenignResponse },
        },
      },
      async (request) => markBenign(ctx.store, requireUser(request), request.body.reports),
    );
  };
}
