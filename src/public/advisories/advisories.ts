import { randomUUID } from 'node:crypto';
import type { Actor } from '../../audit/actor.js';
import { auditOk, auditedWrite } from '../../audit/audited-write.js';
import { isSuper, requireWriter } from '../../admin/authorise.js';
import { conflict, forbidden, invalidInput, notFound } from '../../errors.js';
import type { Viewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import type { AdvisoryInput } from './advisory-input.js';

export interface AdvisoryText {
  lang: string;
  title: string;
  summary: string;
  body: string;
}

export interface Advisory {
  id: string;
  slug: string;
  owner_org: string;
  tlp: string;
  status: 'draft' | 'published';
  created: string;
  published: string | null;
  texts: AdvisoryText[];
}

/** Who may write and publish advisories: administrators, and the org-admins of their organisation. */
function requirePublisher(actor: Actor): void {
  requireWriter(actor);
  if (isSuper(actor)) return;
  if (actor.kind === 'user' && actor.role === 'org-admin') return;
  throw forbidden('only administrators and organisation administrators may write advisories');
}

/** Whether `viewer` may see this advisory: everyone once published; before, its organisation and admins. */
export function canSeeAdvisory(viewer: Viewer, a: Pick<Advisory, 'status' | 'owner_org'>): boolean {
  if (a.status === 'published') return true;
  if (viewer.kind !== 'user') return false;
  return viewer.role === 'admin' || viewer.orgId === a.owner_org;
}

export function createAdvisory(
  store: Store,
  actor: Actor,
  input: AdvisoryInput,
  now: string = new Date().toISOString(),
): Promise<Advisory> {
  return auditedWrite(store, actor, { action: 'advisory.create', target: input.slug }, async (trx) => {
    requirePublisher(actor);
    if (actor.kind !== 'user') throw forbidden('advisories are written by a user');
    const taken = await trx
      .selectFrom('public_advisories')
      .select('id')
      .where('slug', '=', input.slug)
      .executeTakeFirst();
    if (taken !== undefined) throw conflict('slug_taken', `an advisory ${input.slug} exists already`);
    const id = randomUUID();
    await trx
      .insertInto('public_advisories')
      .values({
        id,
        slug: input.slug,
        owner_org: actor.orgId,
        tlp: input.tlp,
        status: 'draft',
        created: now,
        created_by: actor.userId,
        published: null,
        published_by: null,
      })
      .execute();
    const texts = Object.entries(input.texts).map(([lang, t]) => ({ advisory_id: id, lang, ...t }));
    await trx.insertInto('public_advisory_texts').values(texts).execute();
    await auditOk(trx, actor, 'advisory.create', id, {
      slug: input.slug,
      tlp: input.tlp,
      langs: Object.keys(input.texts),
    });
    return {
      id,
      slug: input.slug,
      owner_org: actor.orgId,
      tlp: input.tlp,
      status: 'draft',
      created: now,
      published: null,
      texts: texts.map(({ advisory_id: _, ...t }) => t),
    };
  });
}

/** Publishes a draft: audited, TLP:CLEAR only, by a publisher of its organisation (or an admin). */
export function publishAdvisory(
  store: Store,
  actor: Actor,
  id: string,
  now: string = new Date().toISOString(),
): Promise<Advisory> {
  return auditedWrite(store, actor, { action: 'advisory.publish', target: id }, async (trx) => {
    requirePublisher(actor);
    const row = await trx.selectFrom('public_advisories').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined || (actor.kind === 'user' && !isSuper(actor) && row.owner_org !== actor.orgId))
      throw notFound(`advisory ${id}`);
    if (row.tlp !== 'clear')
      throw invalidInput(
        'tlp_not_publishable',
        `only TLP:CLEAR advisories can be published; this one is TLP:${row.tlp.toUpperCase()}`,
      );
    if (row.status === 'published')
      throw conflict('already_published', `advisory ${row.slug} is published already`);
    const by = actor.kind === 'user' ? actor.userId : 'system';
    await trx
      .updateTable('public_advisories')
      .set({ status: 'published', published: now, published_by: by })
      .where('id', '=', id)
      .execute();
    await auditOk(trx, actor, 'advisory.publish', id, { slug: row.slug });
    const texts = await trx
      .selectFrom('public_advisory_texts')
      .select(['lang', 'title', 'summary', 'body'])
      .where('advisory_id', '=', id)
      .execute();
    return {
      id: row.id,
      slug: row.slug,
      owner_org: row.owner_org,
      tlp: row.tlp,
      status: 'published',
      created: row.created,
      published: now,
      texts,
    };
  });
}

async function withTexts(store: Store, rows: Array<Omit<Advisory, 'texts'>>): Promise<Advisory[]> {
  if (rows.length === 0) return [];
  const texts = await store.db
    .selectFrom('public_advisory_texts')
    .selectAll()
    .where(
      'advisory_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    ...r,
    texts: texts.filter((t) => t.advisory_id === r.id).map(({ advisory_id: _, ...t }) => t),
  }));
}

const COLUMNS = ['id', 'slug', 'owner_org', 'tlp', 'status', 'created', 'published'] as const;

/** Published advisories, newest first; `q` searches titles and summaries in every language. */
export async function listPublishedAdvisories(store: Store, q?: string, limit = 100): Promise<Advisory[]> {
  let query = store.db
    .selectFrom('public_advisories')
    .select(COLUMNS.map((c) => `public_advisories.${c}` as const))
    .where('status', '=', 'published')
    .orderBy('published', 'desc')
    .limit(limit);
  if (q !== undefined && q.trim() !== '') {
    const like = `%${q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('public_advisory_texts as t')
          .select('t.lang')
          .whereRef('t.advisory_id', '=', 'public_advisories.id')
          .where((w) =>
            w.or([
              w(w.fn('lower', ['t.title']), 'like', like),
              w(w.fn('lower', ['t.summary']), 'like', like),
              w(w.fn('lower', ['t.body']), 'like', like),
            ]),
          ),
      ),
    );
  }
  return withTexts(store, (await query.execute()) as Array<Omit<Advisory, 'texts'>>);
}

/** One advisory by slug, if `viewer` may see it (drafts: their organisation and admins only). */
export async function getAdvisory(store: Store, viewer: Viewer, slug: string): Promise<Advisory | null> {
  const row = await store.db
    .selectFrom('public_advisories')
    .select(COLUMNS)
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (row === undefined) return null;
  const a = row as Omit<Advisory, 'texts'>;
  if (!canSeeAdvisory(viewer, a)) return null;
  return (await withTexts(store, [a]))[0]!;
}

/** The text in `lang`, else English (always present). */
export function textIn(a: Advisory, lang: string | undefined): AdvisoryText {
  return a.texts.find((t) => t.lang === lang) ?? a.texts.find((t) => t.lang === 'en') ?? a.texts[0]!;
}
