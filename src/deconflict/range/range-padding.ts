import { randomBytes, randomInt } from 'node:crypto';
import { SUFFIX_LENGTH } from './range-kinds.js';

/** Fewest decoys added to any answer, so even a full bucket is padded. */
export const MIN_DECOYS = 16;
/** Answers are padded to a random size in this range (or to real + MIN_DECOYS when larger). */
export const PAD_TO: readonly [number, number] = [200, 300];

/** A random upper-case hex suffix, indistinguishable from a real one. */
function decoy(): string {
  return randomBytes(Math.ceil(SUFFIX_LENGTH / 2))
    .toString('hex')
    .slice(0, SUFFIX_LENGTH)
    .toUpperCase();
}

/**
 * The real suffixes plus random decoys, sorted so position tells nothing: the answer's size is a
 * random number in `PAD_TO` (or real + at least `MIN_DECOYS`), hiding how many real values the
 * bucket holds, as Pwned Passwords' `Add-Padding` does. Decoys are random 236-bit strings; one
 * colliding with a real value's suffix has probability about n·2^-236.
 */
export function padSuffixes(real: ReadonlySet<string>): string[] {
  const target = Math.max(real.size + MIN_DECOYS, randomInt(PAD_TO[0], PAD_TO[1] + 1));
  const out = new Set(real);
  while (out.size < target) out.add(decoy());
  return [...out].sort();
}
