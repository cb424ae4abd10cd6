import type { MappedText } from './mapped-text.js';

/**
 * Markdown read as text: backslash escapes undone (`evil\.com`) and emphasis markers around words
 * dropped (`_evil.com_`, `**1.2.3.4**`) so they do not glue onto an indicator. Links, code spans and
 * autolinks need nothing: their delimiters already end a token.
 */
export function markdownText(md: MappedText): MappedText {
  return md
    .replace(/\\([!-/:-@[-`{-~])/g, (g) => g[1]!)
    .replace(/(^|[\s([{>"'])([*_~]{1,3})(?=\S)/gm, (g) => g[1]!)
    .replace(/(?<=\S)([*_~]{1,3})(?=$|[\s)\]}.,;:!?"'<])/gm, () => '');
}
