/*
 * Each piece of evidence gives the families it points at a strength in [0, 1), divided by how many
 * families share it (".locked" is used by 49: it says little about any of them). A family's score is
 * 1 - Π(1 - strength). Values were calibrated on bench/data/ransomware-eval.json (never on the
 * galaxy itself): a wrong confident answer is worse than none.
 */
export const STRENGTH = {
  extension: 0.55,
  noteName: 0.45,
  /** Short, ordinary note names (`info.txt`, `readme.txt`) are used by families the galaxy lacks. */
  ordinaryNoteName: 0.2,
  nameMention: 0.6,
  /** An appended extension that is a family's name (`.phobos`) all but signs the attack. */
  nameInExtension: 0.7,
  nameInNoteName: 0.6,
  value: 0.85,
  marker: 0.9,
  /** Times the share of the known note's distinctive shingles found in the text. */
  noteText: 0.95,
  /**
   * Factor for an extension or note name the galaxy states only in a description's prose: read by
   * pattern from sentences, so less certain than its fields, and never enough alone to identify.
   */
  described: 0.8,
  /**
   * Factor for a file name that carries only part of a family's name (`ragnar` of Ragnar Locker, the
   * three-letter `inc`): a lead, never enough alone to identify.
   */
  partialName: 0.6,
  /**
   * A phrase of five words or more that the family-evidence table quotes from a family's note: a
   * sentence public reporting ties to that family, found in the victim's note.
   */
  phrase: 0.6,
} as const;

/** Each family's evidence so far: the product of its misses, and the reasons, in order. */
export class Tally {
  readonly scores = new Map<number, { miss: number; reasons: string[] }>();
  add(family: number, strength: number, reason: string): void {
    const s = this.scores.get(family) ?? { miss: 1, reasons: [] };
    s.miss *= 1 - Math.min(strength, 0.99);
    s.reasons.push(reason);
    this.scores.set(family, s);
  }
}

/** How a reason says that others share the evidence. */
export function shared(n: number): string {
  return n === 1 ? '' : ` and ${String(n - 1)} other famil${n === 2 ? 'y' : 'ies'}`;
}
