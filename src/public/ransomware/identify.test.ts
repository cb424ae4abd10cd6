import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RansomwareFamily } from './family.js';
import { buildFamilyIndex } from './family-index.js';
import { dotSuffixes, identify } from './identify.js';
import { IdentifyInput } from './identify-input.js';

function family(name: string, uuid: string, over: Partial<RansomwareFamily> = {}): RansomwareFamily {
  return {
    described_extensions: [],
    described_note_filenames: [],
    galaxy_uuid: uuid,
    name,
    synonyms: [],
    description: null,
    extensions: [],
    extension_notes: [],
    note_filenames: [],
    notes: [],
    emails: [],
    btc: [],
    xmr: [],
    onions: [],
    encryption: null,
    payment_method: null,
    date: null,
    refs: [],
    related: [],
    ...over,
  };
}

const NOTE =
  'Your documents photos and databases were locked by the Quokka team. To get them back write to our support with your personal identifier and pay the fee in bitcoin within three days or the key is destroyed forever.';
const families = [
  family('Quokka', 'u-quokka', {
    extensions: ['.quokka'],
    note_filenames: ['QUOKKA_RESTORE.txt'],
    notes: [NOTE],
    emails: ['quokka@example.org'],
  }),
  ...Array.from({ length: 20 }, (_, i) =>
    family(`Generic${String(i)}`, `u-g${String(i)}`, { extensions: ['.locked'] }),
  ),
  family('Wombat', 'u-wombat', { note_filenames: ['HOW_TO_[id].html'] }),
  family('Numbat Ransomware', 'u-numbat'),
  family('Bilby', 'u-bilby', {
    described_extensions: ['.mrsp', '.bilby'],
    described_note_filenames: ['MARSUPIAL_HELP_ME.txt'],
  }),
  family('Dunnart Locker', 'u-dunnart'),
  family('Emu Ransom', 'u-emu'),
];
const index = buildFamilyIndex(families);
const tables = {
  decryptors: new Map([
    [
      'u-quokka',
      {
        galaxy_uuid: 'u-quokka',
        family: 'Quokka',
        tool: 'Q',
        provider: 'P',
        url: 'https://x.example/',
        source: 'https://x.example/',
      },
    ],
  ]),
  markers: [{ galaxy_uuid: 'u-wombat', family: 'Wombat', hex: 'cafebabe', source: 'https://x.example/' }],
};
const run = (input: Parameters<typeof IdentifyInput.parse>[0]) =>
  identify(index, tables, IdentifyInput.parse(input));

describe('identify', () => {
  it('identifies a family from its extension, note name and text, with reasons and the decryptor', () => {
    const r = run({
      file_names: ['budget.xlsx.quokka'],
      note_names: ['QUOKKA_RESTORE.txt'],
      note_text: NOTE,
    });
    expect(r.status).toBe('identified');
    const top = r.candidates[0]!;
    expect(top.family).toBe('Quokka');
    expect(top.confidence).toBeGreaterThan(0.9);
    expect(top.reasons.join('\n')).toMatch(/extension \.quokka is used by Quokka/);
    expect(top.reasons.join('\n')).toMatch(/note text matches 100 % of the known note of Quokka/);
    expect(top.decryptor?.tool).toBe('Q');
  });

  it('says "not identified" when the only evidence is an extension many families use', () => {
    const r = run({ file_names: ['a.doc.locked'] });
    expect(r.status).toBe('not_identified');
    expect(r.candidates).toEqual([]);
  });

  it('matches contacts found in the note text and a file marker', () => {
    expect(run({ note_text: 'write to Quokka@Example.org now' }).candidates[0]?.family).toBe('Quokka');
    const m = run({ marker_hex: 'CA FE BA BE 00 11' });
    expect(m.candidates[0]).toMatchObject({ family: 'Wombat' });
    expect(m.status).toBe('identified');
  });

  it('takes a family name in the appended extension or the note file name as evidence', () => {
    const r = run({ file_names: ['a.docx.id[12AB].numbat'] });
    expect(r.candidates[0]?.family).toBe('Numbat Ransomware');
    expect(r.candidates[0]?.reasons[0]).toMatch(/extension names "numbat"/);
    expect(run({ note_names: ['NumbatReadMe.txt'] }).candidates[0]?.family).toBe('Numbat Ransomware');
    expect(run({ file_names: ['numbat.docx'] }).candidates).toEqual([]);
  });

  it('weighs what only a description states lower: a lead, not an identification', () => {
    const ext = run({ file_names: ['a.doc.mrsp'] });
    expect(ext.candidates[0]?.family).toBe('Bilby');
    expect(ext.candidates[0]?.reasons[0]).toMatch(/extension \.mrsp is named in the description of Bilby/);
    expect(ext.status).toBe('not_identified');
    const note = run({ note_names: ['marsupial_help_me.txt'] });
    expect(note.candidates[0]?.family).toBe('Bilby');
    expect(note.candidates[0]!.confidence).toBeLessThan(0.45);
    // Both together are enough.
    expect(run({ file_names: ['a.doc.mrsp'], note_names: ['MARSUPIAL_HELP_ME.txt'] }).status).toBe(
      'identified',
    );
  });

  it('counts the family name in the extension even when a description names that extension', () => {
    const r = run({ file_names: ['a.doc.bilby'] });
    expect(r.candidates[0]!.reasons.join('\n')).toMatch(/extension names "bilby", a name of Bilby/);
    expect(r.status).toBe('identified');
    // One token, two readings: the stronger (the name, 0.7) counts, not both.
    expect(r.candidates[0]!.confidence).toBe(0.7);
  });

  it('reads the family marker at the end of an extension chain', () => {
    const r = run({ file_names: ['x.jpg.id[1E857D00-2275].[helpdesk@tuta.io].quokka'] });
    expect(r.candidates[0]?.family).toBe('Quokka');
    expect(r.candidates[0]?.reasons[0]).toMatch(/extension \.quokka is used by Quokka/);
  });

  it('takes part of a name (without "Locker", a three-letter name) from file names only, weighed lower', () => {
    const ext = run({ file_names: ['a.doc.dunnart_0DE7B8A3'] });
    expect(ext.candidates[0]?.family).toBe('Dunnart Locker');
    expect(ext.candidates[0]?.reasons[0]).toMatch(/names "dunnart", part of the name Dunnart Locker/);
    expect(ext.status).toBe('not_identified');
    const emu = run({ file_names: ['a.doc.EMU'], note_names: ['EMU-README.txt'] });
    expect(emu.candidates[0]?.family).toBe('Emu Ransom');
    expect(run({ note_names: ['readme-emu.txt'] }).candidates[0]?.family).toBe('Emu Ransom');
    // Prose is not trusted with a part of a name: "emu" or "dunnart" may be any word there.
    expect(run({ note_text: 'the emu and the dunnart took your files' }).candidates).toEqual([]);
    expect(run({ note_text: 'Dunnart Locker took your files' }).candidates[0]?.family).toBe('Dunnart Locker');
  });

  it('takes a one-word name in prose only when it is written as a name', () => {
    expect(run({ note_text: 'All your files were encrypted by Quokka.' }).candidates[0]?.family).toBe(
      'Quokka',
    );
    expect(run({ note_text: 'QUOKKA TEAM HAS YOUR FILES' }).candidates[0]?.family).toBe('Quokka');
    expect(run({ note_text: 'Your files went the way of the quokka.' }).candidates).toEqual([]);
    // A text without any capital gives no way to tell, so the name counts.
    expect(run({ note_text: 'encrypted by quokka' }).candidates[0]?.family).toBe('Quokka');
  });

  it('matches note names given as patterns', () => {
    expect(run({ note_names: ['how_to_5f3a.html'] }).candidates[0]?.family).toBe('Wombat');
  });

  it('accepts a paraphrased part of a known note', () => {
    const part = NOTE.split(' ').slice(5, 30).join(' ');
    const r = run({ note_text: `Hello. ${part}` });
    expect(r.candidates[0]?.family).toBe('Quokka');
  });

  it('never throws and keeps confidences ordered in [0, 1] (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 5 }),
        fc.string({ maxLength: 400 }),
        (files, text) => {
          const r = run({ file_names: files, note_names: files, note_text: text, contacts: files });
          for (let i = 0; i < r.candidates.length; i++) {
            const c = r.candidates[i]!.confidence;
            expect(c).toBeGreaterThanOrEqual(0);
            expect(c).toBeLessThanOrEqual(1);
            if (i > 0) expect(c).toBeLessThanOrEqual(r.candidates[i - 1]!.confidence);
          }
        },
      ),
    );
  });
});

describe('IdentifyInput', () => {
  it('refuses unknown fields, bad hex and oversized text', () => {
    expect(IdentifyInput.safeParse({ nope: 1 }).success).toBe(false);
    expect(IdentifyInput.safeParse({ marker_hex: 'xyz' }).success).toBe(false);
    expect(IdentifyInput.safeParse({ note_text: 'a'.repeat(100_001) }).success).toBe(false);
  });
});

describe('dotSuffixes', () => {
  it('lists every suffix from a dot, and takes a bare extension as one', () => {
    expect(dotSuffixes('C:\\x\\a.docx.id-1.cry')).toEqual(['.docx.id-1.cry', '.id-1.cry', '.cry']);
    expect(dotSuffixes('LOCKY')).toEqual(['.locky']);
  });
});
