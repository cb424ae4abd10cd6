import type { Advisory } from './advisories.js';
import { textIn } from './advisories.js';
import { renderMarkdown } from './render-markdown.js';
import { escapeHtml } from '../../render/escape-html.js';

/** The published advisories as an Atom 1.0 feed (RFC 4287), in `lang` with English fallback. */
export function toAtom(
  advisories: readonly Advisory[],
  baseUrl: string,
  lang: string,
  title: string,
): string {
  const updated = advisories[0]?.published ?? new Date(0).toISOString();
  const entries = advisories.map((a) => {
    const t = textIn(a, lang);
    const url = `${baseUrl}/public/advisories/${a.slug}`;
    return `  <entry xml:lang="${escapeHtml(t.lang)}">
    <id>urn:uuid:${a.id}</id>
    <title>${escapeHtml(t.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeHtml(url)}"/>
    <updated>${escapeHtml(a.published ?? a.created)}</updated>
    <published>${escapeHtml(a.published ?? a.created)}</published>
    <summary>${escapeHtml(t.summary)}</summary>
    <content type="html">${escapeHtml(renderMarkdown(t.body))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(lang)}">
  <id>${escapeHtml(`${baseUrl}/public/advisories`)}</id>
  <title>${escapeHtml(title)}</title>
  <link rel="self" type="application/atom+xml" href="${escapeHtml(`${baseUrl}/public/advisories.atom`)}"/>
  <link rel="alternate" type="text/html" href="${escapeHtml(`${baseUrl}/public/advisories`)}"/>
  <updated>${escapeHtml(updated)}</updated>
  <author><name>${escapeHtml(title)}</name></author>
${entries.join('\n')}
</feed>
`;
}
