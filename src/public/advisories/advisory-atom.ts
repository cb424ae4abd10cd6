import type { Advisory } from './advisories.js';
import { textIn } from './advisories.js';
import { renderMarkdown } from './render-markdown.js';

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

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
    return `  <entry xml:lang="${escapeXml(t.lang)}">
    <id>urn:uuid:${a.id}</id>
    <title>${escapeXml(t.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <updated>${escapeXml(a.published ?? a.created)}</updated>
    <published>${escapeXml(a.published ?? a.created)}</published>
    <summary>${escapeXml(t.summary)}</summary>
    <content type="html">${escapeXml(renderMarkdown(t.body))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(lang)}">
  <id>${escapeXml(`${baseUrl}/public/advisories`)}</id>
  <title>${escapeXml(title)}</title>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${baseUrl}/public/advisories.atom`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${baseUrl}/public/advisories`)}"/>
  <updated>${escapeXml(updated)}</updated>
  <author><name>${escapeXml(title)}</name></author>
${entries.join('\n')}
</feed>
`;
}
