import MarkdownIt from 'markdown-it';

// html: false — raw HTML in a body is escaped, so no script reaches a visitor; markdown-it's own
// validateLink already refuses javascript:, vbscript:, file: and most data: links.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** An advisory's Markdown body as safe HTML. */
export function renderMarkdown(body: string): string {
  return md.render(body);
}
