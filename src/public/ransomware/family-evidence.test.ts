import { describe, expect, it } from 'vitest';
import { FamilyEvidence, shippedFamilyEvidence } from './family-evidence.js';
import { buildFamilyIndex, heldOutIndex } from './family-index.js';
import { identify } from './identify.js';
import type { IdentifyTables } from './identify.js';
import { IdentifyInput } from './identify-input.js';
import { shippedDatabase } from './ransomware-database.js';

const db = shippedDatabase();
const table = shippedFamilyEvidence();
const tables: IdentifyTables = { decryptors: new Map(), markers: [] };
const uuidOf = (name: string) => db.families.find((f) => f.name === name)!.galaxy_uuid;
const BABUK = uuidOf('Babuk Ransomsware');
const SODINOKIBI = uuidOf('Sodinokibi');
const BASTA = uuidOf('BlackBasta');
const ask = (index: ReturnType<typeof buildFamilyIndex>, evidence: unknown) =>
  identify(index, tables, IdentifyInput.parse(evidence));

describe('the shipped family-evidence table', () => {
  const uuids = new Set(db.families.map((f) => f.galaxy_uuid));

  it('keys every entry by a family of the shipped galaxy, once, and names it as the galaxy does', () => {
    expect(table.length).toBeGreaterThanOrEqual(10);
    expect(new Set(table.map((e) => e.galaxy_uuid)).size).toBe(table.length);
    for (const e of table) {
      expect(uuids.has(e.galaxy_uuid), `${e.family} ${e.galaxy_uuid}`).toBe(true);
      expect(db.families.find((f) => f.galaxy_uuid === e.galaxy_uuid)!.name).toBe(e.family);
    }
  });

  it('gives every entry at least one fact, and every fact an http(s) source with a title', () => {
    for (const e of table) {
      const facts = [...e.note_names, ...e.extensions, ...e.phrases];
      expect(facts.length, e.family).toBeGreaterThan(0);
      for (const f of facts) {
        expect(f.source.url).toMatch(/^https?:\/\//);
        expect(f.source.title.trim()).not.toBe('');
      }
    }
  });

  it('refuses an entry without facts, a suffix without its dot and a phrase too short to mean anything', () => {
    const base = { galaxy_uuid: BABUK, family: 'Babuk Ransomsware' };
    const source = { url: 'https://example.org/report', title: 'A report' };
    expect(FamilyEvidence.safeParse(base).success).toBe(false);
    expect(FamilyEvidence.safeParse({ ...base, extensions: [{ value: 'babyk', source }] }).success).toBe(
      false,
    );
    expect(
      FamilyEvidence.safeParse({ ...base, phrases: [{ value: 'your files are encrypted', source }] }).success,
    ).toBe(false);
    expect(
      FamilyEvidence.safeParse({
        ...base,
        extensions: [{ value: '.babyk', source: { ...source, url: 'javascript:alert(1)' } }],
      }).success,
    ).toBe(false);
    expect(FamilyEvidence.safeParse({ ...base, extensions: [{ value: '.babyk', source }] }).success).toBe(
      true,
    );
  });
});

describe('identification with the family-evidence table', () => {
  const bare = buildFamilyIndex(db.families);
  const index = buildFamilyIndex(db.families, table);

  it('ranks a family by an extension the table states, naming the source', () => {
    expect(
      ask(bare, { file_names: ['budget.xlsx.babyk'] }).candidates.map((c) => c.galaxy_uuid),
    ).not.toContain(BABUK);
    const r = ask(index, { file_names: ['budget.xlsx.babyk'] });
    const babuk = r.candidates.find((c) => c.galaxy_uuid === BABUK);
    expect(babuk?.reasons.join(' ')).toContain('extension .babyk is known for Babuk Ransomsware (TipsMake');
  });

  it('ranks a family by a note name pattern the table states', () => {
    const r = ask(index, { note_names: ['k3j9x2-HOW-TO-DECRYPT.txt'] });
    expect(r.candidates[0]?.galaxy_uuid).toBe(SODINOKIBI);
    expect(r.candidates[0]?.reasons[0]).toContain('is a note name known for Sodinokibi (Elastio');
    expect(
      ask(index, { note_names: ['HOW-TO-DECRYPT.txt'] }).candidates.map((c) => c.galaxy_uuid),
    ).not.toContain(SODINOKIBI);
  });

  it('ranks a family by a phrase of its note the table quotes, whatever the case and punctuation', () => {
    const note = 'YOUR NETWORK IS ENCRYPTED BY THE BLACK-BASTA GROUP. Instructions in the file readme.txt';
    const r = ask(index, { note_text: note });
    const basta = r.candidates.find((c) => c.galaxy_uuid === BASTA);
    expect(
      basta?.reasons.some((x) =>
        x.startsWith('the note says "Your network is encrypted by the Black Basta group"'),
      ),
    ).toBe(true);
    expect(
      ask(index, { note_text: 'Your network is encrypted. Instructions in the file.' }).candidates.find(
        (c) => c.galaxy_uuid === BASTA,
      ),
    ).toBeUndefined();
  });
});

describe('holding a family out', () => {
  it('drops its table entries with its cluster, so its facts point at nothing', () => {
    const out = new Set([BABUK, SODINOKIBI]);
    const index = heldOutIndex(db.families, table, out);
    expect(index.byUuid.has(BABUK)).toBe(false);
    // `.babyk` may still point at another galaxy cluster, but never through the held-out entry.
    const heldTitles = new Set(
      table
        .filter((e) => out.has(e.galaxy_uuid))
        .flatMap((e) => [...e.note_names, ...e.extensions, ...e.phrases].map((f) => f.source.title)),
    );
    const stillCited = new Set(
      table
        .filter((e) => !out.has(e.galaxy_uuid))
        .flatMap((e) => [...e.note_names, ...e.extensions, ...e.phrases].map((f) => f.source.title)),
    );
    const onlyHeld = [...heldTitles].filter((t) => !stillCited.has(t));
    expect(onlyHeld.length).toBeGreaterThan(0);
    expect([...index.cited.values()].some((x) => onlyHeld.includes(x))).toBe(false);
    expect(index.notePatterns.some((p) => p.name.endsWith('-HOW-TO-DECRYPT.txt'))).toBe(false);
    const r = ask(index, { file_names: ['a.docx.babyk'], note_names: ['k3j9x2-HOW-TO-DECRYPT.txt'] });
    expect(r.candidates.map((c) => c.galaxy_uuid)).not.toContain(BABUK);
    expect(r.candidates.map((c) => c.galaxy_uuid)).not.toContain(SODINOKIBI);
    expect(r.candidates.flatMap((c) => c.reasons).some((x) => x.includes('known for'))).toBe(false);
  });

  it('adds nothing for an entry whose family the index is not given, even with the whole table', () => {
    const index = buildFamilyIndex(
      db.families.filter((f) => f.galaxy_uuid !== BASTA),
      table,
    );
    expect(index.phrases.some((p) => p.text.includes('Black Basta'))).toBe(false);
    expect([...index.cited.values()].some((s) => s.includes('Black Basta'))).toBe(false);
  });
});
