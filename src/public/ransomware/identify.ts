import type { Decryptor } from './decryptors.js';
import { btcIn, emailsIn, onionsIn, xmrIn } from './evidence-values.js';
import { ORDINARY_FILE_TYPES } from './file-types.js';
import { describedKey } from './family-index.js';
import type { FamilyIndex } from './family-index.js';
import type { IdentifyEvidence } from './identify-input.js';
import type { FileMarker } from './markers.js';
import { normaliseNoteName } from './note-filename-pattern.js';
import { casedWords, shingles, words } from './note-text.js';
import { STRENGTH, Tally, shared } from './evidence-tally.js';

/** A family is "identified" at this score, and only when the runner-up trails by IDENTIFY_MARGIN. */
export const IDENTIFY_SCORE = 0.5;
export const IDENTIFY_MARGIN = 0.15;
/** Candidates below this score are not shown. */
export const SHOW_SCORE = 0.05;
export const MAX_CANDIDATES = 10;

export interface Candidate {
  family: string;
  galaxy_uuid: string;
  /** 0..1, rounded to two decimals. */
  confidence: number;
  reasons: string[];
  decryptor: Decryptor | null;
}

export interface Identification {
  status: 'identified' | 'not_identified';
  candidates: Candidate[];
}

export interface IdentifyTables {
  decryptors: ReadonlyMap<string, Decryptor>;
  markers: readonly FileMarker[];
}

/** Every suffix of a file name that starts at a dot: `a.docx.id-1.cry` → `.docx.id-1.cry`, `.id-1.cry`, `.cry`. */
export function dotSuffixes(fileName: string): string[] {
  const name = normaliseNoteName(fileName);
  const withDot = name.includes('.') ? name : `.${name}`;
  const out: string[] = [];
  for (let i = withDot.indexOf('.'); i >= 0; i = withDot.indexOf('.', i + 1)) out.push(withDot.slice(i));
  return out;
}

/** Scores the appended extensions; gives each family matched the strength it got. */
function byExtension(index: FamilyIndex, files: readonly string[], tally: Tally): Map<number, number> {
  const best = new Map<number, string>();
  for (const file of files)
    for (const suffix of dotSuffixes(file))
      for (const f of index.extensions.get(suffix) ?? [])
        if ((best.get(f)?.length ?? 0) < suffix.length) best.set(f, suffix);
  const given = new Map<number, number>();
  for (const [f, suffix] of best) {
    const n = index.extensions.get(suffix)!.length;
    const described = index.described.has(describedKey(f, suffix));
    const cited = index.cited.get(describedKey(f, suffix));
    const strength = (STRENGTH.extension * (described ? STRENGTH.described : 1)) / n;
    given.set(f, strength);
    const name = index.families[f]!.name;
    tally.add(
      f,
      strength,
      described
        ? `extension ${suffix} is named in the description of ${name}${shared(n)}`
        : cited !== undefined
          ? `extension ${suffix} is known for ${name} (${cited})${shared(n)}`
          : `extension ${suffix} is used by ${name}${shared(n)}`,
    );
  }
  return given;
}

function byNoteName(index: FamilyIndex, names: readonly string[], tally: Tally): void {
  for (const raw of names) {
    const name = normaliseNoteName(raw);
    /** Family → whether only a description names this note. */
    const hits = new Map<number, boolean>();
    /** Family → the family-evidence table's source, when the note name is the table's. */
    const cited = new Map<number, string>();
    const cite = (f: number, key: string) => {
      const c = index.cited.get(describedKey(f, key));
      if (c !== undefined && !cited.has(f)) cited.set(f, c);
    };
    for (const f of index.noteNames.get(name) ?? []) {
      hits.set(f, index.described.has(describedKey(f, name)));
      cite(f, name);
    }
    for (const p of index.notePatterns)
      if (p.re.test(name)) {
        hits.set(
          p.family,
          (hits.get(p.family) ?? true) && index.described.has(describedKey(p.family, p.name)),
        );
        cite(p.family, p.name);
      }
    const stem = name.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}]/gu, '');
    const base = stem.length <= 8 ? STRENGTH.ordinaryNoteName : STRENGTH.noteName;
    for (const [f, described] of hits)
      tally.add(
        f,
        (base * (described ? STRENGTH.described : 1)) / hits.size,
        described
          ? `ransom note "${raw.trim()}" is the note name the description of ${index.families[f]!.name} gives${shared(hits.size)}`
          : cited.has(f)
            ? `ransom note "${raw.trim()}" is a note name known for ${index.families[f]!.name} (${cited.get(f)!})${shared(hits.size)}`
            : `ransom note "${raw.trim()}" is the note name of ${index.families[f]!.name}${shared(hits.size)}`,
      );
  }
}

function byNoteText(index: FamilyIndex, text: string, tally: Tally): void {
  const query = shingles(text);
  if (query.size === 0) return;
  const hits = new Map<number, number>();
  for (const s of query)
    for (const note of index.shingles.get(s) ?? []) hits.set(note, (hits.get(note) ?? 0) + 1);
  const best = new Map<number, number>();
  for (const [note, count] of hits) {
    if (count < 3) continue;
    const known = index.notes[note]!;
    const share = count / Math.min(known.size, query.size);
    if (share > (best.get(known.family) ?? 0)) best.set(known.family, share);
  }
  for (const [f, share] of best)
    if (share >= 0.1)
      tally.add(
        f,
        STRENGTH.noteText * Math.min(1, share),
        `note text matches ${String(Math.round(Math.min(1, share) * 100))} % of the known note of ${index.families[f]!.name}`,
      );
}

/** Scores the family-evidence table's note phrases found, word for word, in the victim's note. */
function byPhrase(index: FamilyIndex, text: string, tally: Tally): void {
  if (index.phrases.length === 0) return;
  const note = ` ${words(text).join(' ')} `;
  const found = index.phrases.filter((p) => note.includes(` ${p.words} `));
  /** How many families quote each phrase found: one shared by several says less of each. */
  const quoting = new Map<string, Set<number>>();
  for (const p of found)
    (quoting.get(p.words) ?? quoting.set(p.words, new Set()).get(p.words)!).add(p.family);
  const counted = new Set<number>();
  for (const p of found) {
    if (counted.has(p.family)) continue;
    counted.add(p.family);
    const n = quoting.get(p.words)!.size;
    tally.add(
      p.family,
      STRENGTH.phrase / n,
      `the note says "${p.text}", known for ${index.families[p.family]!.name} (${p.source})${shared(n)}`,
    );
  }
}

/** Where a name is looked for: note text trusts only full names, file names partial ones too. */
type NameContext = 'text' | 'file';

function byNameMention(
  index: FamilyIndex,
  w: readonly string[],
  strength: number,
  where: (key: string) => string,
  tally: Tally,
  context: NameContext,
  /** Strength a family already got from the same token (its extension). */
  already: ReadonlyMap<number, number> = new Map(),
  /**
   * In prose, whether each word was written with a capital: a one-word name counts only so written
   * ("encrypted by Protected", not "your files were protected"), unless the text has no capitals at all.
   */
  capital?: readonly boolean[],
): void {
  const anyCapital = capital?.includes(true) ?? false;
  /** Family → its longest key found, and whether that key is only a partial name of it. */
  const found = new Map<number, { key: string; partial: boolean }>();
  const counts = new Map<string, number>();
  const maps = context === 'file' ? [index.names, index.partialNames] : [index.names];
  for (let i = 0; i < w.length; i++)
    for (let n = 1; n <= 3 && i + n <= w.length; n++) {
      if (n === 1 && anyCapital && capital?.[i] === false) continue;
      const key = w.slice(i, i + n).join(' ');
      maps.forEach((map, m) => {
        const fams = map.get(key);
        if (fams === undefined) return;
        counts.set(key, (counts.get(key) ?? 0) + fams.length);
        for (const f of fams) {
          const had = found.get(f);
          const partial = m === 1;
          if (
            had === undefined ||
            (had.partial && !partial) ||
            (had.partial === partial && had.key.length < key.length)
          )
            found.set(f, { key, partial });
        }
      });
    }
  for (const [f, { key, partial }] of found) {
    const n = counts.get(key)!;
    const name = index.families[f]!.name;
    const given = (strength * (partial ? STRENGTH.partialName : 1)) / n;
    // The same token read twice (`.phobos`, an extension and the name) counts once, at its stronger
    // reading: what is added lifts the family from the extension's score to the name's.
    const had = already.get(f) ?? 0;
    if (had >= given) continue;
    tally.add(
      f,
      1 - (1 - given) / (1 - had),
      partial
        ? `${where(key)}, part of the name ${name}${shared(n)}`
        : `${where(key)}, a name of ${name}${shared(n)}`,
    );
  }
}

/** Words of a file name, camelCase split too (`ClopReadMe` → clop, read, me). */
export function nameWords(name: string): string[] {
  return words(name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'), 50);
}

/** A file name without its directory, case kept. */
function baseName(name: string): string {
  return name.trim().split(/[\\/]/).pop()!.trim();
}

/** The part an encryptor appended: the last dot-separated segment of each encrypted file name. */
function appendedWords(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const name = baseName(f);
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (!ORDINARY_FILE_TYPES.has(last.toLowerCase())) out.push(...nameWords(last));
  }
  return out;
}

function byValues(index: FamilyIndex, values: readonly string[], tally: Tally): void {
  for (const v of new Set(values)) {
    const fams = index.values.get(v) ?? [];
    for (const f of fams)
      tally.add(
        f,
        STRENGTH.value / fams.length,
        `${v} is a known contact of ${index.families[f]!.name}${shared(fams.length)}`,
      );
  }
}

function byMarker(index: FamilyIndex, markers: readonly FileMarker[], hex: string, tally: Tally): void {
  const h = hex.replace(/\s+/g, '').toLowerCase();
  for (const m of markers) {
    const f = index.byUuid.get(m.galaxy_uuid);
    if (f !== undefined && h.startsWith(m.hex))
      tally.add(
        f,
        STRENGTH.marker,
        `encrypted files start with the marker ${m.hex} of ${index.families[f]!.name}`,
      );
  }
}

/** Contacts named by the victim and those found in the note and the file names. */
export function contactValues(e: IdentifyEvidence): string[] {
  const text = [e.note_text ?? '', ...e.contacts, ...e.file_names, ...e.note_names].join('\n');
  return [...emailsIn(text), ...btcIn(text), ...xmrIn(text), ...onionsIn(text)];
}

/** A contact value that the store's public intelligence ties to a family (public-intel.ts). */
export interface LinkedEvidence {
  family: number;
  value: string;
  malware: { id: string; name: string };
}

/** Ranks the families the evidence points at; "not identified" unless one stands out clearly. */
export function identify(
  index: FamilyIndex,
  tables: IdentifyTables,
  e: IdentifyEvidence,
  linked: readonly LinkedEvidence[] = [],
): Identification {
  const tally = new Tally();
  const seen = new Set<string>();
  for (const l of linked) {
    const key = `${String(l.family)} ${l.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    tally.add(
      l.family,
      STRENGTH.value,
      `${l.value} is linked to ${l.malware.name} in the partners' public intelligence`,
    );
  }
  const byExt = byExtension(index, e.file_names, tally);
  byNoteName(index, e.note_names, tally);
  byNameMention(
    index,
    appendedWords(e.file_names),
    STRENGTH.nameInExtension,
    (k) => `the encrypted files' extension names "${k}"`,
    tally,
    'file',
    byExt,
  );
  for (const n of e.note_names)
    byNameMention(
      index,
      nameWords(baseName(n).replace(/\.[^.]*$/, '')),
      STRENGTH.nameInNoteName,
      (k) => `the note's file name names "${k}"`,
      tally,
      'file',
    );
  if (e.note_text !== undefined && e.note_text.trim() !== '') {
    byNoteText(index, e.note_text, tally);
    byPhrase(index, e.note_text, tally);
    const prose = casedWords(e.note_text);
    byNameMention(
      index,
      prose.words,
      STRENGTH.nameMention,
      (k) => `the note names "${k}"`,
      tally,
      'text',
      new Map(),
      prose.capital,
    );
  }
  byValues(index, contactValues(e), tally);
  if (e.marker_hex !== undefined) byMarker(index, tables.markers, e.marker_hex, tally);

  const ranked = [...tally.scores]
    .map(([f, s]) => ({ f, score: 1 - s.miss, reasons: s.reasons }))
    .filter((c) => c.score >= SHOW_SCORE)
    .sort((a, b) => b.score - a.score || index.families[a.f]!.name.localeCompare(index.families[b.f]!.name))
    .slice(0, MAX_CANDIDATES);
  const [top, second] = ranked;
  const identified =
    top !== undefined && top.score >= IDENTIFY_SCORE && top.score - (second?.score ?? 0) >= IDENTIFY_MARGIN;
  return {
    status: identified ? 'identified' : 'not_identified',
    candidates: ranked.map((c) => {
      const fam = index.families[c.f]!;
      return {
        family: fam.name,
        galaxy_uuid: fam.galaxy_uuid,
        confidence: Math.round(c.score * 100) / 100,
        reasons: c.reasons,
        decryptor: tables.decryptors.get(fam.galaxy_uuid) ?? null,
      };
    }),
  };
}
