import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../errors.js';
import { htmlToPdf, pdfAvailable } from '../../render/html-to-pdf.js';
import { landscapeSources } from './report-sources.js';
import { Narrative } from '../../reports/landscape/narrative.js';
import { renderLandscapeHtml } from '../../reports/landscape/render-html.js';
import {
  createLandscapeReport,
  getLandscapeReport,
  listLandscapeReports,
  saveNarrative,
} from '../../reports/landscape/saved-reports.js';
import type { LandscapeReport } from '../../reports/landscape/saved-reports.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  CreateLandscapeReport,
  LandscapeReportList,
  LandscapeReportSchema,
  ReportParams,
} from './reports.schema.js';

const BASE = '/api/v1/reports/landscape';

function withLinks(r: LandscapeReport) {
  return {
    ...r,
    links: { html: `${BASE}/${r.id}/html`, pdf: pdfAvailable() ? `${BASE}/${r.id}/pdf` : null },
  };
}

/** A file name for downloads: the title's letters and digits, and the period. */
function fileName(r: LandscapeReport, ext: string): string {
  const stem = r.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
  return `${stem}-${r.request.from}-${r.request.to}.${ext}`;
}

/**
 * Threat-landscape reports: `POST` computes one for the caller (every figure from what they may see)
 * and saves it with a first draft of its narrative; the others read saved ones, which only their
 * creator's audience (or admins, or anyone for the CLEAR variant) may see.
 */
export function reportsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      BASE,
      {
        schema: {
          tags: ['reports'],
          description:
            'Generate a threat-landscape assessment for a period and scope from what the caller may see; `variant: "clear"` gives aggregates only, with cells below `threshold` suppressed.',
          body: CreateLandscapeReport,
          response: { 201: LandscapeReportSchema },
        },
      },
      async (request, reply) => {
        const viewer = requireUser(request);
        if (viewer.readOnly) throw forbidden('a read-only key cannot save reports');
        const { title, ...wanted } = request.body;
        const report = await createLandscapeReport(ctx.store, viewer, wanted, title, landscapeSources(ctx));
        return reply.status(201).send(withLinks(report));
      },
    );
    r.get(
      BASE,
      { schema: { tags: ['reports'], response: { 200: LandscapeReportList } } },
      async (request) => ({
        reports: await listLandscapeReports(ctx.store.db, requireUser(request)),
        pdf: pdfAvailable(),
      }),
    );
    r.get(
      `${BASE}/:id`,
      { schema: { tags: ['reports'], params: ReportParams, response: { 200: LandscapeReportSchema } } },
      async (request) =>
        withLinks(await getLandscapeReport(ctx.store.db, requireUser(request), request.params.id)),
    );
    r.get(
      `${BASE}/:id/html`,
      {
        schema: {
          tags: ['reports'],
          params: ReportParams,
          querystring: z.object({ download: z.enum(['0', '1']).default('0') }),
          description: 'The report as one self-contained HTML document (charts as inline SVG, no script).',
        },
      },
      async (request, reply) => {
        const report = await getLandscapeReport(ctx.store.db, requireUser(request), request.params.id);
        if (request.query.download === '1')
          void reply.header('content-disposition', `attachment; filename="${fileName(report, 'html')}"`);
        // The document carries inline styles and SVG; nothing in it may run.
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .send(renderLandscapeHtml(report.figures, report.narrative, report.title));
      },
    );
    r.get(
      `${BASE}/:id/pdf`,
      {
        schema: {
          tags: ['reports'],
          params: ReportParams,
          description: 'The report printed to PDF by Chromium; 501 where Chromium is not installed.',
        },
      },
      async (request, reply) => {
        const report = await getLandscapeReport(ctx.store.db, requireUser(request), request.params.id);
        const pdf = await htmlToPdf(renderLandscapeHtml(report.figures, report.narrative, report.title));
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName(report, 'pdf')}"`)
          .send(pdf);
      },
    );
    r.put(
      `${BASE}/:id/narrative`,
      {
        schema: {
          tags: ['reports'],
          params: ReportParams,
          body: Narrative,
          response: { 200: LandscapeReportSchema },
          description: "Save the analyst's edited narrative (Markdown per section).",
        },
      },
      async (request) =>
        withLinks(await saveNarrative(ctx.store, requireUser(request), request.params.id, request.body)),
    );
  };
}
