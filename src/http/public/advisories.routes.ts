import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../errors.js';
import { ANONYMOUS } from '../../policy/viewer.js';
import type { Advisory } from '../../public/advisories/advisories.js';
import {
  createAdvisory,
  getAdvisory,
  listPublishedAdvisories,
  publishAdvisory,
  textIn,
} from '../../public/advisories/advisories.js';
import { toAtom } from '../../public/advisories/advisory-atom.js';
import { csafPath, providerMetadata, toCsaf } from '../../public/advisories/advisory-csaf.js';
import type { CsafPublisher } from '../../public/advisories/advisory-csaf.js';
import { toStixReport } from '../../public/advisories/advisory-stix.js';
import { renderMarkdown } from '../../public/advisories/render-markdown.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  AdvisoryBody,
  AdvisoryList,
  AdvisoryPage,
  CsafYearFile,
  IdParams,
  LangQuery,
  SlugParams,
} from './advisories.schema.js';

function summary(a: Advisory, lang: string | undefined) {
  const t = textIn(a, lang);
  return {
    slug: a.slug,
    lang: t.lang,
    title: t.title,
    summary: t.summary,
    published: a.published,
    status: a.status,
    tlp: a.tlp,
    langs: a.texts.map((x) => x.lang).sort(),
  };
}

function page(a: Advisory, lang: string | undefined) {
  return { ...summary(a, lang), id: a.id, html: renderMarkdown(textIn(a, lang).body) };
}

/**
 * Awareness advisories: written and published by administrators and organisation administrators
 * (audited, TLP:CLEAR only), read by anyone once published, as JSON, Atom, CSAF 2.0 and STIX.
 */
export function publicAdvisoriesRoutes(ctx: AppContext) {
  const base = ctx.config.baseUrl;
  const publisher: CsafPublisher = { name: `Accord public portal (${new URL(base).host})`, namespace: base };
  const portalUrl = (a: Advisory) => `${base}/public/advisories/${a.slug}`;
  const published = async (slug: string) => {
    const a = await getAdvisory(ctx.store, ANONYMOUS, slug);
    if (a === null) throw notFound(`advisory ${slug}`);
    return a;
  };
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/v1/advisories',
      {
        schema: {
          tags: ['advisories'],
          description: 'Write an awareness advisory (a draft).',
          body: AdvisoryBody,
          response: { 201: AdvisoryPage },
        },
      },
      async (request, reply) => {
        const a = await createAdvisory(ctx.store, requireUser(request), request.body);
        return reply.status(201).send(page(a, 'en'));
      },
    );
    r.post(
      '/api/v1/advisories/:id/publish',
      {
        schema: {
          tags: ['advisories'],
          description: 'Publish a TLP:CLEAR advisory on the public portal (audited).',
          params: IdParams,
          response: { 200: AdvisoryPage },
        },
      },
      async (request) =>
        page(await publishAdvisory(ctx.store, requireUser(request), request.params.id), 'en'),
    );
    r.get(
      '/api/v1/public/advisories',
      {
        schema: {
          tags: ['public'],
          security: [],
          description: 'Published advisories, newest first; `q` searches them.',
          querystring: LangQuery,
          response: { 200: AdvisoryList },
        },
      },
      async (request) => ({
        advisories: (await listPublishedAdvisories(ctx.store, request.query.q)).map((a) =>
          summary(a, request.query.lang),
        ),
      }),
    );
    r.get(
      '/api/v1/public/advisories/:slug',
      {
        schema: {
          tags: ['public'],
          security: [],
          description:
            'One advisory, its Markdown rendered as HTML without raw HTML; drafts only for their organisation.',
          params: SlugParams,
          querystring: LangQuery,
          response: { 200: AdvisoryPage },
        },
      },
      async (request) => {
        const a = await getAdvisory(ctx.store, request.viewer, request.params.slug);
        if (a === null) throw notFound(`advisory ${request.params.slug}`);
        return page(a, request.query.lang);
      },
    );
    r.get(
      '/api/v1/public/advisories/:slug/csaf',
      {
        schema: {
          tags: ['public'],
          security: [],
          description: 'A published advisory as a CSAF 2.0 informational advisory.',
          params: SlugParams,
          querystring: LangQuery,
        },
      },
      async (request) => {
        const a = await published(request.params.slug);
        return toCsaf(a, request.query.lang ?? 'en', publisher, portalUrl(a));
      },
    );
    r.get(
      '/api/v1/public/advisories/:slug/stix',
      {
        schema: {
          tags: ['public'],
          security: [],
          description: 'A published advisory as a STIX 2.1 report bundle (TLP:CLEAR).',
          params: SlugParams,
        },
      },
      async (request, reply) => {
        const a = await published(request.params.slug);
        return reply.type('application/stix+json;version=2.1').send(toStixReport(a, portalUrl(a)));
      },
    );
    r.get(
      '/public/advisories.atom',
      { schema: { hide: true, querystring: LangQuery } },
      async (request, reply) => {
        const list = await listPublishedAdvisories(ctx.store, undefined, 50);
        return reply
          .type('application/atom+xml; charset=utf-8')
          .send(toAtom(list, base, request.query.lang ?? 'en', publisher.name));
      },
    );
    r.get('/.well-known/csaf/provider-metadata.json', { schema: { hide: true } }, async () => {
      const list = await listPublishedAdvisories(ctx.store, undefined, 1);
      return providerMetadata(base, publisher, list[0]?.published ?? new Date(0).toISOString());
    });
    r.get('/.well-known/csaf/white/index.txt', { schema: { hide: true } }, async (_request, reply) => {
      const list = await listPublishedAdvisories(ctx.store, undefined, 10_000);
      return reply
        .type('text/plain; charset=utf-8')
        .send(list.map((a) => `${csafPath(a).slice('white/'.length)}\n`).join(''));
    });
    r.get('/.well-known/csaf/white/changes.csv', { schema: { hide: true } }, async (_request, reply) => {
      const list = await listPublishedAdvisories(ctx.store, undefined, 10_000);
      return reply
        .type('text/csv; charset=utf-8')
        .send(
          list.map((a) => `"${csafPath(a).slice('white/'.length)}","${a.published ?? a.created}"\n`).join(''),
        );
    });
    r.get(
      '/.well-known/csaf/white/:year/:file',
      { schema: { hide: true, params: CsafYearFile } },
      async (request) => {
        const list = await listPublishedAdvisories(ctx.store, undefined, 10_000);
        const a = list.find((x) => csafPath(x) === `white/${request.params.year}/${request.params.file}`);
        if (a === undefined) throw notFound(`CSAF document ${request.params.file}`);
        return toCsaf(a, 'en', publisher, portalUrl(a));
      },
    );
  };
}
