import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descriptionEvidence } from './description-evidence.js';

describe('descriptionEvidence', () => {
  it('reads extensions from sentences about extensions, and not from other sentences', () => {
    const d = descriptionEvidence(
      'AstraLocker first appeared in 2021, a fork of version 2.0 of its parent. It encrypts files, appending extensions like .Astra or .babyk. Its site is at example.com and it also hits .NET hosts.',
    );
    expect(d.extensions).toEqual(['.astra', '.babyk']);
  });

  it('skips ordinary file types, domain endings and numbers named beside the extension', () => {
    const d = descriptionEvidence(
      'It renames VM files (.vmdk, .vmsn and .vswp), appending the .Cheers extension; older builds appended .123 or .com.',
    );
    expect(d.extensions).toEqual(['.cheers']);
  });

  it('reads note names, quoted ones with spaces and bare ones, from sentences about notes', () => {
    const d = descriptionEvidence(
      'It appends the “.blacksuit” extension. It creates a ransom note file named “README.BlackSuit.txt.” Victims find a note titled "How To Restore Your Files.txt" and SHINRA-Recovery.txt in every folder.',
    );
    expect(d.extensions).toEqual(['.blacksuit']);
    expect(d.note_filenames).toEqual([
      'README.BlackSuit.txt',
      'How To Restore Your Files.txt',
      'SHINRA-Recovery.txt',
    ]);
  });

  it('takes no note name from a sentence that is not about a note, nor a vague bare one', () => {
    expect(descriptionEvidence('It steals passwords.txt first.').note_filenames).toEqual([]);
    expect(descriptionEvidence('It drops a ransom note FILES.txt.').note_filenames).toEqual([]);
    expect(descriptionEvidence(undefined)).toEqual({ extensions: [], note_filenames: [] });
  });

  it('gives lower-case extensions with a leading dot, for any text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const e of descriptionEvidence(`It appends ${s} as extension.`).extensions) {
          expect(e).toMatch(/^\.[^\s.]+$/u);
          expect(e).toBe(e.toLowerCase());
        }
      }),
    );
  });
});
