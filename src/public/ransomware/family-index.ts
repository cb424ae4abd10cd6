import type { RansomwareFamily } from './family.js';
import type { FamilyEvidence } from './family-evidence.js';
import { ORDINARY_FILE_TYPES } from './file-types.js';
import { noteNamePattern, normaliseNoteName, isPatternName } from './note-filename-pattern.js';
import { shingles, words } from './note-text.js';

/** A shingle found in the notes of this many families or more is boilerplate, not evidence. */
export const COMMON_SHINGLE_FAMILIES = 4;
/** A note needs this many distinctive shingles before its text is compared at all. */
export const MIN_NOTE_SHINGLES = 5;
/** A word in the notes of this many families or more is too common to be a family name mention. */
export const COMMON_WORD_FAMILIES = 6;

/** Words that are family names in the galaxy but ordinary words in any note. */
const ORDINARY = new Set(
  `all any attention bitcoin btc cash contact crypt crypto cryptor data decrypt decryptor desktop email
  encrypt encrypted encryption encryptor error file files fake free fuck game hack hacked hacker hello help
  hidden important info instructions key keys lock locked locker money network note open password payment
  personal please power ransom ransomware read readme recover recovery restore restored secure security
  server service system team test time unlock user virus warning windows your you`.split(/\s+/),
);

export interface KnownNote {
  family: number;
  size: number;
}

/** Lookup tables over the family database, built once per database version. */
export interface FamilyIndex {
  readonly families: readonly RansomwareFamily[];
  readonly byUuid: ReadonlyMap<string, number>;
  readonly extensions: ReadonlyMap<string, readonly number[]>;
  readonly noteNames: ReadonlyMap<string, readonly number[]>;
  readonly notePatterns: ReadonlyArray<{ re: RegExp; family: number; name: string }>;
  readonly notes: readonly KnownNote[];
  /** Distinctive shingle → indexes into `notes`. */
  readonly shingles: ReadonlyMap<string, readonly number[]>;
  /** A family name or synonym as words joined by one space → families (NameKeys.full). */
  readonly names: ReadonlyMap<string, readonly number[]>;
  /** NameKeys.partial → families: trusted only in file names. */
  readonly partialNames: ReadonlyMap<string, readonly number[]>;
  readonly values: ReadonlyMap<string, readonly number[]>;
  /**
   * `family suffix` and `family note-name` pairs (and pattern entries by their `name`) read from a
   * description's prose rather than from the galaxy's fields: weighed lower by the identifier.
   */
  readonly described: ReadonlySet<string>;
  /**
   * `family suffix` and `family note-name` pairs (keys as `described`) that the family-evidence table
   * states and the galaxy's fields do not, with the source a reason names. They weigh like the galaxy's.
   */
  readonly cited: ReadonlyMap<string, string>;
  /** Note phrases of the family-evidence table, as words joined by one space, with their source. */
  readonly phrases: ReadonlyArray<{ words: string; text: string; family: number; source: string }>;
}

/** The key of `FamilyIndex.described`. */
export function describedKey(family: number, value: string): string {
  return `${String(family)} ${value}`;
}

function add<K>(map: Map<K, number[]>, key: K, family: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [family]);
  else if (list[list.length - 1] !== family) list.push(family);
}

/** Words that say what a family is, not which: `Ragnar Locker`, `INC Ransom`, `Malek Team`. */
const GENERIC = new Set(
  'crypt crypter cryptor encryptor gang group leak leaks lock locker ransom ransomware team'.split(' '),
);

/** How a family can be named: in full, and by a part that only a file name is trusted to carry. */
export interface NameKeys {
  /** The name or a synonym as words (`ragnar locker`), matched in note texts and file names. */
  full: string[];
  /**
   * What is left without the generic words (`ragnar`, `inc`), a three-letter name, or a name made
   * only of ordinary words (`money message`): matched only as whole words of a note's or an
   * encrypted file's name, where ordinary prose does not reach, and weighed lower.
   */
  partial: string[];
}

export function nameKeys(family: RansomwareFamily, ordinary: ReadonlySet<string>): NameKeys {
  const full = new Set<string>();
  const partial = new Set<string>();
  const plain = (x: string) => ordinary.has(x) || /^\d+$/.test(x) || ORDINARY_FILE_TYPES.has(x);
  const single = (x: string, least: number) => x.length >= least && !plain(x) && !GENERIC.has(x);
  for (const n of [family.name, ...family.synonyms]) {
    const all = words(n, 6);
    const w = all.length > 1 && all[all.length - 1] === 'ransomware' ? all.slice(0, -1) : all;
    if (w.length === 0 || w.length > 3) continue;
    if (w.length === 1) {
      if (single(w[0]!, 4)) full.add(w[0]!);
      else if (single(w[0]!, 3)) partial.add(w[0]!);
      continue;
    }
    if (w.every(plain)) {
      if (!w.every((x) => GENERIC.has(x) || /^\d+$/.test(x))) partial.add(w.join(' '));
      continue;
    }
    full.add(w.join(' '));
    const rest = w.filter((x) => !GENERIC.has(x));
    if (rest.length === 1 && single(rest[0]!, 3)) partial.add(rest[0]!);
  }
  for (const k of full) partial.delete(k);
  return { full: [...full], partial: [...partial] };
}

/**
 * Builds the index over the families, with the facts of the family-evidence table for those of them
 * it names: an entry whose family is not among `families` (held out, or absent from a newer galaxy)
 * adds nothing.
 */
export function buildFamilyIndex(
  families: readonly RansomwareFamily[],
  evidence: readonly FamilyEvidence[] = [],
): FamilyIndex {
  const byUuid = new Map<string, number>();
  const extensions = new Map<string, number[]>();
  const noteNames = new Map<string, number[]>();
  const notePatterns: Array<{ re: RegExp; family: number; name: string }> = [];
  const values = new Map<string, number[]>();
  const noteShingles: Array<{ family: number; set: Set<string> }> = [];
  const shingleFamilies = new Map<string, Set<number>>();
  const wordFamilies = new Map<string, Set<number>>();

  const described = new Set<string>();

  families.forEach((f, i) => {
    byUuid.set(f.galaxy_uuid, i);
    for (const e of f.extensions) add(extensions, e, i);
    for (const e of f.described_extensions) {
      if (!f.extensions.includes(e)) described.add(describedKey(i, e));
      add(extensions, e, i);
    }
    const named = new Set(f.note_filenames);
    for (const n of [...f.note_filenames, ...f.described_note_filenames]) {
      const key = isPatternName(n) ? n : normaliseNoteName(n);
      if (!named.has(n)) described.add(describedKey(i, key));
      if (isPatternName(n)) {
        const re = noteNamePattern(n);
        if (re !== null) notePatterns.push({ re, family: i, name: n });
      } else add(noteNames, key, i);
    }
    for (const v of [...f.emails, ...f.btc, ...f.xmr, ...f.onions]) add(values, v, i);
    for (const text of f.notes) {
      const set = shingles(text);
      noteShingles.push({ family: i, set });
      for (const s of set) (shingleFamilies.get(s) ?? shingleFamilies.set(s, new Set()).get(s)!).add(i);
      for (const w of new Set(words(text)))
        (wordFamilies.get(w) ?? wordFamilies.set(w, new Set()).get(w)!).add(i);
    }
  });

  const cited = new Map<string, string>();
  const phrases: Array<{ words: string; text: string; family: number; source: string }> = [];
  for (const e of evidence) {
    const i = byUuid.get(e.galaxy_uuid);
    if (i === undefined) continue;
    const f = families[i]!;
    for (const x of e.extensions) {
      const suffix = x.value.toLowerCase();
      if (f.extensions.includes(suffix)) continue;
      const had = described.delete(describedKey(i, suffix));
      cited.set(describedKey(i, suffix), x.source.title);
      if (!had) add(extensions, suffix, i);
    }
    const named = new Set(f.note_filenames.map((n) => (isPatternName(n) ? n : normaliseNoteName(n))));
    for (const x of e.note_names) {
      const pattern = isPatternName(x.value);
      const key = pattern ? x.value : normaliseNoteName(x.value);
      if (named.has(key)) continue;
      const had = described.delete(describedKey(i, key));
      cited.set(describedKey(i, key), x.source.title);
      if (had) continue;
      if (pattern) {
        const re = noteNamePattern(x.value);
        if (re !== null) notePatterns.push({ re, family: i, name: key });
      } else add(noteNames, key, i);
    }
    for (const x of e.phrases)
      phrases.push({
        words: words(x.value).join(' '),
        text: x.value,
        family: i,
        source: x.source.title,
      });
  }

  const notes: KnownNote[] = [];
  const shingleIndex = new Map<string, number[]>();
  for (const n of noteShingles) {
    const distinctive = [...n.set].filter((s) => shingleFamilies.get(s)!.size < COMMON_SHINGLE_FAMILIES);
    if (distinctive.length < MIN_NOTE_SHINGLES) continue;
    const id = notes.length;
    notes.push({ family: n.family, size: distinctive.length });
    for (const s of distinctive) add(shingleIndex, s, id);
  }

  const ordinary = new Set(ORDINARY);
  for (const [w, fams] of wordFamilies) if (fams.size >= COMMON_WORD_FAMILIES) ordinary.add(w);
  const names = new Map<string, number[]>();
  const partialNames = new Map<string, number[]>();
  families.forEach((f, i) => {
    const keys = nameKeys(f, ordinary);
    for (const k of keys.full) add(names, k, i);
    for (const k of keys.partial) add(partialNames, k, i);
  });

  return {
    families,
    byUuid,
    extensions,
    noteNames,
    notePatterns,
    notes,
    shingles: shingleIndex,
    names,
    partialNames,
    values,
    described,
    cited,
    phrases,
  };
}

/**
 * The index as it would be without some families: neither their galaxy clusters nor their entries in
 * the family-evidence table (the bench asks each vector again so, to measure "not identified" for
 * families the database does not know).
 */
export function heldOutIndex(
  families: readonly RansomwareFamily[],
  evidence: readonly FamilyEvidence[],
  out: ReadonlySet<string>,
): FamilyIndex {
  return buildFamilyIndex(
    families.filter((f) => !out.has(f.galaxy_uuid)),
    evidence.filter((e) => !out.has(e.galaxy_uuid)),
  );
}
