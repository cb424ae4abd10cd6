import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extensionSuffixes, normaliseGalaxy, noteFileNames } from './normalise-galaxy.js';
import { isPatternName, noteNamePattern } from './note-filename-pattern.js';

const galaxy = (values: unknown[]) => ({
  uuid: '10cf658b-5d32-4c4b-bb32-61760a640372',
  name: 'Ransomware',
  type: 'ransomware',
  version: 7,
  authors: ['MISP Project'],
  values,
});

describe('normaliseGalaxy', () => {
  it('folds the misspelt meta keys together', () => {
    const r = normaliseGalaxy(
      galaxy([
        {
          uuid: 'AAAAAAAA-0000-4000-8000-000000000001',
          value: 'Babyduck Ransomware',
          meta: {
            extension: ['.babyduck'],
            'ransomnotes-files': ['C:\\Users\\#README.babyduck'],
            'ransomnotes-filesnames': ['readme_duck.txt'],
            ransomenotes: ['Send 1 BTC to 1BtUL5dhVXHwKLqSdhjyjK9Pe64Vc6CEH1 and mail duck@example.org'],
            Encryption: 'AES',
          },
        },
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = r.database.families[0]!;
    expect(f.galaxy_uuid).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(f.extensions).toEqual(['.babyduck']);
    expect(f.note_filenames).toEqual(['readme_duck.txt', '#README.babyduck']);
    expect(f.notes).toHaveLength(1);
    expect(f.btc).toEqual(['1BtUL5dhVXHwKLqSdhjyjK9Pe64Vc6CEH1']);
    expect(f.emails).toEqual(['duck@example.org']);
    expect(f.encryption).toBe('AES');
    expect(f.synonyms).toEqual(['Babyduck']);
  });

  it('refuses what is not a ransomware galaxy, saying where', () => {
    const r = normaliseGalaxy({ ...galaxy([{ uuid: 'x' }]) });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('values.0.value') as unknown });
    expect(normaliseGalaxy({ ...galaxy([]), type: 'tool' }).ok).toBe(false);
    expect(normaliseGalaxy(null).ok).toBe(false);
  });

  it('reads what the description states only when the fields are empty, apart from them', () => {
    const prose =
      'It appends the .wombat extension and drops a ransom note named "WOMBAT_HELP.txt". Mail wombat@example.org.';
    const r = normaliseGalaxy(
      galaxy([
        { uuid: 'u-1', value: 'Wombat', description: prose },
        { uuid: 'u-2', value: 'Numbat', description: prose, meta: { extensions: ['.numbat'] } },
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [wombat, numbat] = r.database.families;
    expect(wombat).toMatchObject({
      extensions: [],
      described_extensions: ['.wombat'],
      note_filenames: [],
      described_note_filenames: ['WOMBAT_HELP.txt'],
      emails: ['wombat@example.org'],
    });
    expect(numbat).toMatchObject({
      extensions: ['.numbat'],
      described_extensions: [],
      described_note_filenames: ['WOMBAT_HELP.txt'],
    });
  });

  it('keeps the first of two clusters with one UUID', () => {
    const c = { uuid: 'u-1', value: 'A' };
    const r = normaliseGalaxy(galaxy([c, { ...c, value: 'B' }]));
    expect(r.ok && r.database.families.map((f) => f.name)).toEqual(['A']);
  });

  it('never throws on any meta content (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            uuid: fc.uuid(),
            value: fc.string({ minLength: 1 }),
            meta: fc.dictionary(fc.string(), fc.jsonValue()),
          }),
        ),
        (values) => {
          const r = normaliseGalaxy(galaxy(values));
          if (values.length === 0) expect(r.ok).toBe(false);
          else expect(r.ok).toBe(true);
        },
      ),
    );
  });
});

describe('extensionSuffixes', () => {
  it.each([
    ['.locky', ['.locky']],
    ['([A-F0-9]{32}).aesir', ['.aesir']],
    ['.id-7ES642406.cry', ['.id-7es642406.cry', '.cry']],
    ['.0mega ', ['.0mega']],
    ['-DATASTOP', ['-datastop']],
    ['removes extensions', []],
    ['.已加密', ['.已加密']],
    ['pain', ['.pain']],
    ['nt_lock20', ['.nt_lock20']],
    ['random', []],
    ['AES-256', []],
    // An entry ending in an address ends in its domain, not in an extension.
    ['.unlockv@india.com', ['.unlockv@india.com']],
    ['.[RestorFile@tutanota.com]', []],
    ['.id-<ID>_garryweber@protonmail.ch', []],
    ['.rescuers@india.com.3392cYAn548QZeUf.lock', ['.rescuers@india.com.3392cyan548qzeuf.lock', '.lock']],
    ['.id-BCBEF350.[paymentbtc@firemail.cc].cmb', ['.cmb']],
    ['random 3 letters are added', []],
  ])('%s', (entry, want) => {
    expect(extensionSuffixes(entry)).toEqual(want);
  });

  it('gives only lower-case strings without spaces (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const x of extensionSuffixes(s)) {
          expect(x).toBe(x.toLowerCase());
          expect(x).not.toMatch(/\s/);
        }
      }),
    );
  });
});

describe('noteFileNames', () => {
  it.each([
    ['%Temp%\\<random>.bmp', ['<random>.bmp']],
    [
      'HOWTO_RECOVER_FILES_<random 5 chars>.TXT. e.g. howto_recover_files_xeyye.txt',
      ['HOWTO_RECOVER_FILES_<random 5 chars>.TXT'],
    ],
    [
      'RESTORE_FILES_<random 5 chars>.TXT , e.g. restore_files_kksli.bmp',
      ['RESTORE_FILES_<random 5 chars>.TXT'],
    ],
    [
      'Recovery+<5 random chars>.txt, .html, e.g., Recovery+gwote.txt',
      ['Recovery+<5 random chars>.txt', 'Recovery+<5 random chars>.html'],
    ],
    [
      'IF YOU WANT TO GET ALL YOUR FILES BACK, PLEASE READ THIS.TXT',
      ['IF YOU WANT TO GET ALL YOUR FILES BACK, PLEASE READ THIS.TXT'],
    ],
  ])('%s', (entry, want) => {
    expect(noteFileNames(entry)).toEqual(want);
  });
});

describe('noteNamePattern', () => {
  it('turns placeholders into wildcards and refuses vague names', () => {
    expect(noteNamePattern('OSIRIS-[0-9]{4}.htm')?.test('osiris-1234.htm')).toBe(true);
    expect(noteNamePattern('!Recovery_[victim_id].html')?.test('!recovery_abc123.html')).toBe(true);
    expect(
      noteNamePattern('README-FILE-#COMPUTER-NAME#-#CREATION-TIME#.hta')?.test('readme-file-pc1-1700.hta'),
    ).toBe(true);
    expect(noteNamePattern('<random>.txt')).toBeNull();
    expect(noteNamePattern('_{RAND}_README.hta')?.test('_x7_readme.hta')).toBe(true);
    expect(noteNamePattern('*.txt')).toBeNull();
  });

  it('matches only what a placeholder says: its length, digits, no dot unless it stands for a name', () => {
    const digits = noteNamePattern('README<number>.txt')!;
    expect(digits.test('readme1.txt')).toBe(true);
    expect(digits.test('readme.blacksuit.txt')).toBe(false);
    expect(digits.test('readme-recover-abc.txt')).toBe(false);
    const five = noteNamePattern('RECOVER<5_chars>.txt')!;
    expect(five.test('recoverabcde.txt')).toBe(true);
    expect(five.test('recover-uhwuvzu-files.txt')).toBe(false);
    expect(noteNamePattern('!Recovery_[3_random_chars].html')?.test('!recovery_a1b.html')).toBe(true);
    expect(noteNamePattern('!Recovery_[3_random_chars].html')?.test('!recovery_a1b2.html')).toBe(false);
    const range = noteNamePattern('_HELP_DECRYPT_[A-Z0-9]{4-8}_.jpg')!;
    expect(range.test('_help_decrypt_ab12_.jpg')).toBe(true);
    expect(range.test('_help_decrypt_ab_.jpg')).toBe(false);
    expect(noteNamePattern('[5 numbers]-MATRIX-README.RTF')?.test('12345-matrix-readme.rtf')).toBe(true);
    expect(noteNamePattern('READ_ME_[id].txt')?.test('read_me_a.b.txt')).toBe(false);
    expect(noteNamePattern('!_HOW_TO_RESTORE_[extension].TXT')?.test('!_how_to_restore_.a.b.txt')).toBe(true);
    expect(
      noteNamePattern('*.Contact_Here_To_Recover_Your_Files.txt')?.test(
        'x.y.contact_here_to_recover_your_files.txt',
      ),
    ).toBe(true);
  });

  it('takes #…# for a placeholder only when it names a value', () => {
    expect(isPatternName('#RECOVERY_FILES#.txt')).toBe(false);
    expect(isPatternName('#FOX_README#.rtf')).toBe(false);
    expect(isPatternName('README-#COMPUTER-NAME#.hta')).toBe(true);
  });

  it('compiles for any input and matches nothing unexpected (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const re = noteNamePattern(s);
        if (re !== null) expect(typeof re.test('x')).toBe('boolean');
      }),
    );
  });
});
