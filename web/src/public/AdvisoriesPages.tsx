import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from './PublicLayout.js';

interface AdvisorySummary {
  slug: string;
  lang: string;
  title: string;
  summary: string;
  published: string | null;
  langs: string[];
}
interface AdvisoryPage extends AdvisorySummary {
  html: string;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'omit', headers: { accept: 'application/json' } });
  const json = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(json.message ?? `HTTP ${String(response.status)}`);
  return json;
}

/** Published advisories in the visitor's language (English where a translation is missing), searchable. */
export function AdvisoriesListPage() {
  const { lang, t } = useT();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['public-advisories', lang, q],
    queryFn: () =>
      getJson<{ advisories: AdvisorySummary[] }>(
        `/api/v1/public/advisories?lang=${lang}${q.trim() === '' ? '' : `&q=${encodeURIComponent(q.trim())}`}`,
      ),
  });
  return (
    <section className="card">
      <h1>{t('adv_title')}</h1>
      <p>
        <a href={`/public/advisories.atom?lang=${lang}`} type="application/atom+xml">
          {t('adv_feed')}
        </a>
      </p>
      <label>
        {t('adv_search')}
        <input
          type="search"
          name="q"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
          }}
        />
      </label>
      {list.isPending && <p>{t('loading')}</p>}
      {list.error !== null && (
        <p className="error" role="alert">
          {t('error', { message: list.error.message })}
        </p>
      )}
      {list.data?.advisories.length === 0 && <p>{t('adv_none')}</p>}
      <ul className="results">
        {list.data?.advisories.map((a) => (
          <li key={a.slug} lang={a.lang}>
            <Link to="/public/advisories/$slug" params={{ slug: a.slug }}>
              <strong>{a.title}</strong>
            </Link>
            <p>{a.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One advisory; its HTML comes from the server's Markdown renderer, which drops raw HTML. */
export function AdvisoryPageView({ slug }: { slug: string }) {
  const { lang, t } = useT();
  const page = useQuery({
    queryKey: ['public-advisory', slug, lang],
    queryFn: () =>
      getJson<AdvisoryPage>(`/api/v1/public/advisories/${encodeURIComponent(slug)}?lang=${lang}`),
  });
  if (page.isPending) return <p>{t('loading')}</p>;
  if (page.error !== null)
    return (
      <p className="error" role="alert">
        {t('error', { message: page.error.message })}
      </p>
    );
  const a = page.data;
  return (
    <article className="card" lang={a.lang}>
      <h1>{a.title}</h1>
      {a.lang !== lang && (
        <p className="muted" lang={lang}>
          {t('adv_fallback')}
        </p>
      )}
      {a.published !== null && (
        <p className="muted">{t('adv_published', { date: a.published.slice(0, 10) })}</p>
      )}
      <p>
        <strong>{a.summary}</strong>
      </p>
      <div dangerouslySetInnerHTML={{ __html: a.html }} />
      <p className="muted small-text" lang={lang}>
        {t('adv_formats')} <a href={`/api/v1/public/advisories/${a.slug}/csaf?lang=${lang}`}>CSAF 2.0</a>,{' '}
        <a href={`/api/v1/public/advisories/${a.slug}/stix`}>STIX 2.1</a>
      </p>
    </article>
  );
}
