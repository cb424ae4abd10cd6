import { z } from 'zod';
import { descriptionEvidence } from './description-evidence.js';
import { btcIn, emailsIn, onionsIn, xmrIn } from './evidence-values.js';
import type { RansomwareDatabase, RansomwareFamily } from './family.js';

/** The galaxy's own licence (its JSON carries none; the misp-galaxy repository's LICENSE does). */
export const GALAXY_LICENCE =
  'MISP galaxy (https://github.com/MISP/misp-galaxy), dual-licensed CC0 1.0 Universal or BSD 2-Clause';

const Cluster = z.object({
  uuid: z.string().min(1),
  value: z.string().min(1),
  description: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  related: z.array(z.object({ 'dest-uuid': z.string(), type: z.string().optional() }).loose()).optional(),
});

const Galaxy = z.object({
  uuid: z.string().min(1),
  name: z.string(),
  type: z.literal('ransomware'),
  version: z.number().int(),
  authors: z.array(z.string()).optional(),
  values: z.array(Cluster).min(1),
});

/**
 * The meta keys the galaxy spells more than one way (inspected in version 172): each canonical key
 * and every spelling seen for it. Keys not named here are ignored.
 */
export const META_ALIASES = {
  extensions: ['extensions', 'extension'],
  note_filenames: [
    'ransomnotes-filenames',
    'ransomnotes-filesnames',
    'ransomnotes-files',
    'ransomenotes-files',
    'ransomenotes-filenames',
  ],
  notes: ['ransomnotes', 'ransomenotes'],
  refs: ['refs', 'ransomnotes-refs', 'ransomenotes-refs'],
  links: ['links'],
  synonyms: ['synonyms'],
  encryption: ['encryption', 'Encryption'],
  payment_method: ['payment-method'],
  date: ['date'],
} as const;

type MetaKey = keyof typeof META_ALIASES;

function strings(meta: Record<string, unknown>, key: MetaKey): string[] {
  const out: string[] = [];
  for (const alias of META_ALIASES[key]) {
    const v = meta[alias];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  }
  return [...new Set(out.map((s) => s.trim()).filter((s) => s !== ''))];
}

function text(meta: Record<string, unknown>, key: MetaKey): string | null {
  const all = strings(meta, key);
  return all.length === 0 ? null : all.join('; ');
}

// Letters of any script: `.已加密` and `.암호화됨` are extensions too.
const LITERAL_SUFFIX = /^[-_.!@#$~+][\p{L}\p{N}_.\-!@#$~+]{1,60}$/u;
const LAST_DOT_SUFFIX = /(\.[\p{L}\p{N}_-]{2,30})[\s)\]]*$/iu;
/** An extension written without its dot (`pain`, `nt_lock20`); not a word that describes one. */
const BARE_SUFFIX = /^[\p{L}\p{N}_]{4,30}$/u;
const NOT_A_SUFFIX = new Set(['random', 'prepend', 'append', 'encrypted', 'none', 'unknown', 'various']);
/**
 * An entry that ends in an e-mail address (`.unlockv@india.com`, `.[RestorFile@tutanota.com]`) ends in
 * its domain, not in an extension of the family's: `.com` would tie the family to every other such
 * entry. The address itself is kept as a contact.
 */
const ENDS_IN_EMAIL =
  /@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|ru|su|ua|ch|is|io|cc|me|it|in|co|uk|de|fr|pl|cz|eu|li|la|to|tk|ws|nu|gg|cn|jp|kr|br|mx|us|ca|at|be|nl|se|no|fi|dk|hu|ro|bg|gr|tr|ir|by|kz|tv|xyz|top|pro)[_\]\s)]*$/i;

/**
 * The literal suffixes an extension entry names: the whole entry when it is literal (`.id-7ES6.cry`)
 * and its last dotted part (`.cry`, also out of patterns such as `([A-F0-9]{32}).aesir`). Prose
 * ("removes extensions") names none.
 */
export function extensionSuffixes(entry: string): string[] {
  const e = entry.trim().replace(/^\*+/, '').toLowerCase();
  const out = new Set<string>();
  if (LITERAL_SUFFIX.test(e)) out.add(e);
  else if (BARE_SUFFIX.test(e) && !NOT_A_SUFFIX.has(e) && !/^\d+$/.test(e)) out.add(`.${e}`);
  const last = LAST_DOT_SUFFIX.exec(e)?.[1];
  if (ENDS_IN_EMAIL.test(e)) return [...out];
  if (last !== undefined && !/\s/.test(e.slice(e.lastIndexOf(last) - 1, e.lastIndexOf(last)))) out.add(last);
  return [...out];
}

/** A note file name without a directory (`%Temp%\<random>.bmp` → `<random>.bmp`). */
export function noteFileName(entry: string): string {
  const parts = entry.trim().split(/[\\/]/);
  return parts[parts.length - 1]!.trim();
}

/**
 * The note names one galaxy entry gives: without a trailing example (`…TXT. e.g. howto_recover_files_xeyye.txt`,
 * a victim's random part, not the family's) and with other file types spelt out
 * (`Recovery+<5 random chars>.txt, .html` → the `.txt` and the `.html` name).
 */
export function noteFileNames(entry: string): string[] {
  const name = noteFileName(entry.replace(/\s*[,.]?\s*\be\.g\.?,?\s.*$/is, ''));
  const alternatives = /^(.*?)(\.[\p{L}\p{N}]+)((?:\s*,\s*\.[\p{L}\p{N}]+)+)$/u.exec(name);
  if (alternatives === null) return [name];
  const [, stem, first, rest] = alternatives;
  const more = rest!.split(',').map((x) => x.trim());
  return [first!, ...more.filter((x) => x !== '')].map((ext) => `${stem!}${ext}`);
}

function stripSuffix(name: string): string {
  return name
    .replace(/\s*\((?:fake|.*?)\)\s*$/i, '')
    .replace(/[\s-]*ransom(?:s)?ware\s*$/i, '')
    .trim();
}

function familyOf(c: z.infer<typeof Cluster>): RansomwareFamily {
  const meta = c.meta ?? {};
  const extensionNotes = strings(meta, 'extensions');
  const notes = strings(meta, 'notes');
  // Prose is kept only for what the fields lack: a cluster with its own list is not second-guessed.
  const prose = descriptionEvidence(c.description);
  const noteFilenames = [...new Set(strings(meta, 'note_filenames').flatMap(noteFileNames))].filter(
    (n) => n !== '',
  );
  const links = strings(meta, 'links');
  const everything = [c.description ?? '', ...notes, ...extensionNotes, ...noteFilenames, ...links].join(
    '\n',
  );
  const extensions = [...new Set(extensionNotes.flatMap(extensionSuffixes))];
  const stripped = stripSuffix(c.value);
  const synonyms = [...new Set([...strings(meta, 'synonyms'), stripped])].filter(
    (s) => s !== '' && s !== c.value,
  );
  return {
    galaxy_uuid: c.uuid.toLowerCase(),
    name: c.value.trim(),
    synonyms,
    description: c.description?.trim() === '' ? null : (c.description?.trim() ?? null),
    extensions,
    extension_notes: extensionNotes,
    note_filenames: noteFilenames,
    described_extensions: extensions.length > 0 ? [] : prose.extensions,
    described_note_filenames: noteFilenames.length > 0 ? [] : prose.note_filenames,
    notes,
    emails: emailsIn(everything),
    btc: btcIn(everything),
    xmr: xmrIn(everything),
    onions: onionsIn(everything),
    encryption: text(meta, 'encryption'),
    payment_method: text(meta, 'payment_method'),
    date: text(meta, 'date'),
    refs: strings(meta, 'refs'),
    related: (c.related ?? []).map((r) => ({ uuid: r['dest-uuid'].toLowerCase(), type: r.type ?? '' })),
  };
}

export type NormaliseResult = { ok: true; database: RansomwareDatabase } | { ok: false; error: string };

/** Validates a MISP ransomware galaxy file and folds it into Accord's family database. */
export function normaliseGalaxy(raw: unknown): NormaliseResult {
  const parsed = Galaxy.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      error: `not a MISP ransomware galaxy: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    };
  }
  const g = parsed.data;
  const seen = new Set<string>();
  const families: RansomwareFamily[] = [];
  for (const c of g.values) {
    const f = familyOf(c);
    if (seen.has(f.galaxy_uuid)) continue;
    seen.add(f.galaxy_uuid);
    families.push(f);
  }
  return {
    ok: true,
    database: {
      galaxy: {
        uuid: g.uuid,
        name: g.name,
        version: g.version,
        authors: g.authors ?? [],
        licence: GALAXY_LICENCE,
      },
      families,
    },
  };
}
