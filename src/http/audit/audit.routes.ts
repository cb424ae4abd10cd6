import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { queryAudit } from '../../audit/query-audit.js';
import { verifyAuditChain } from '../../audit/verify-audit-chain.js';
import { forbidden } from '../../errors.js';
import type { AppContext } from '../app-context.js';
import { auditDenied } from '../admin/audit-denied.js';
import { requireUser } from '../plugins/viewer.js';
import { AuditPage, AuditQuery, AuditVerify } from './audit.schema.js';

/** `/api/v1/audit`: the hash-chained log, for administrators only. */
export function auditRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const store = ctx.store;
    const tags = ['admin'];

    r.get(
      '/api/v1/audit',
      { schema: { tags, querystring: AuditQuery, response: { 200: AuditPage } } },
      async (request) => {
        const q = request.query;
        // queryAudit refuses non-administrators itself, and records the refusal.
        const page = await queryAudit(store, requireUser(request), {
          actor: q.actor,
          action: q.action,
          since: q.since,
          until: q.until,
          cursor: q.after,
          limit: q.limit,
        });
        return {
          items: page.entries.map((e) => ({
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            actor_org: e.actorOrg,
            action: e.action,
            target: e.target,
            outcome: e.outcome,
            details: e.details,
            hash: e.hash,
          })),
          ...(page.nextCursor === undefined ? {} : { next: page.nextCursor }),
        };
      },
    );

    r.get(
      '/api/v1/audit/verify',
      {
        schema: {
          tags,
          description: 'Walks the whole hash chain; names the first broken entry when there is one.',
          response: { 200: AuditVerify },
        },
      },
      async (request) => {
        const viewer = requireUser(request);
        await auditDenied(store, viewer, { action: 'audit.verify' }, () => {
          if (viewer.role !== 'admin') throw forbidden('only administrators may verify the audit log');
        });
        return verifyAuditChain(store);
      },
    );
  };
}
