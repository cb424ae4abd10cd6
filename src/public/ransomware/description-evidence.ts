import { ORDINARY_FILE_TYPES } from './file-types.js';

/**
 * Evidence a galaxy description states in prose where its meta fields are empty: "appending
 * extensions like .Astra or .babyk", "drops a ransom note named README.BlackSuit.txt". Only
 * sentences that talk about extensions (or notes) are read, so version numbers and domains in other
 * sentences are not taken for evidence.
 */
export interface DescriptionEvidence {
  /** Lower-case, with the leading dot. */
  extensions: string[];
  note_filenames: string[];
}

const SENTENCE = /(?<=[.!?])\s+(?=[A-Z"“])/;
const EXTENSION_CUE = /\b(?:extensions?|append(?:s|ed|ing)?|renam(?:e|es|ed|ing))\b/i;
const NOTE_CUE = /\b(?:notes?|instructions?|readme)\b/i;
/** A dotted token standing on its own: `.babyk`, `".Astra"`, `(.hrm)`; not `example.com` or `v2.0`. */
const DOTTED = /(?<![\p{L}\p{N}._@/-])\.([\p{L}\p{N}_-]{3,30})(?![\p{L}\p{N}@/-]|\.[\p{L}\p{N}])/gu;
const NOTE_TYPE = String.raw`\.(?:txt|html?|hta|rtf|bmp|jpg|png|url|pdf)`;
/** A quoted note name may hold spaces (`“How To Restore Your Files.txt”`); a bare one may not. */
const QUOTED_NOTE = new RegExp(String.raw`["“‘']([^"“”‘’'\n]{2,80}?${NOTE_TYPE})[.,]?["”’']`, 'giu');
const BARE_NOTE = new RegExp(
  String.raw`(?<![^\s(])([^\s"'“”‘’(),;:]{2,80}${NOTE_TYPE})(?![\p{L}\p{N}])`,
  'giu',
);
/** Domain endings and the framework that look like extensions in prose (".NET"). */
const NOT_EXTENSIONS = new Set(['net', 'com', 'org', 'onion', 'info', 'exe']);

export function descriptionEvidence(description: string | undefined): DescriptionEvidence {
  const extensions = new Set<string>();
  const notes = new Set<string>();
  for (const sentence of (description ?? '').split(SENTENCE)) {
    if (EXTENSION_CUE.test(sentence))
      for (const m of sentence.matchAll(DOTTED)) {
        const ext = m[1]!.toLowerCase();
        if (
          !ORDINARY_FILE_TYPES.has(ext) &&
          !NOT_EXTENSIONS.has(ext) &&
          !/^\d+$/.test(ext) &&
          !ext.endsWith('-')
        )
          extensions.add(`.${ext}`);
      }
    if (NOTE_CUE.test(sentence))
      for (const [re, least] of [
        [QUOTED_NOTE, 4],
        [BARE_NOTE, 6],
      ] as const)
        for (const m of sentence.matchAll(re)) {
          const name = m[1]!.trim();
          const stem = name.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}]/gu, '');
          if (stem.length >= least) notes.add(name);
        }
  }
  return { extensions: [...extensions], note_filenames: [...notes] };
}
