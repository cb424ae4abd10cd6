import { describeValue, isPlainObject, joinPath, where } from '../issues.js';
import type { Check } from './check.js';

/** Value formats of the hash-algorithm-ov entries (§10.7); other (custom) algorithm names are free-form. */
const KNOWN_HASHES: ReadonlyMap<string, RegExp> = new Map([
  ['MD5', /^[a-fA-F0-9]{32}$/],
  ['SHA-1', /^[a-fA-F0-9]{40}$/],
  ['SHA-256', /^[a-fA-F0-9]{64}$/],
  ['SHA-512', /^[a-fA-F0-9]{128}$/],
  ['SHA3-256', /^[a-fA-F0-9]{64}$/],
  ['SHA3-512', /^[a-fA-F0-9]{128}$/],
  ['SSDEEP', /^[a-zA-Z0-9/+:.]{1,128}$/],
  ['TLSH', /^(?:T1)?[a-fA-F0-9]{70}$/],
]);

const HASH_KEY = /^[a-zA-Z0-9_-]{3,250}$/;

/**
 * STIX hashes (§2.8): a non-empty dictionary from algorithm name to digest string. Known algorithms
 * must carry a digest of the right shape; custom names must follow the dictionary key rules.
 * TLSH accepts the newer `T1`-prefixed form as well as the 70-digit form the schema names.
 */
export function hashes(onlyKnown = false): Check {
  return (value, path, out) => {
    if (!isPlainObject(value)) {
      out.error(
        path,
        'invalid_type',
        `Expected a dictionary of hashes ${where(path)}, found ${describeValue(value)}.`,
      );
      return;
    }
    let count = 0;
    for (const algorithm of Object.keys(value)) {
      count++;
      const digest = value[algorithm];
      const digestPath = joinPath(path, algorithm);
      const shape = KNOWN_HASHES.get(algorithm);
      if (typeof digest !== 'string') {
        out.error(
          digestPath,
          'invalid_type',
          `Expected the ${algorithm} digest ${where(digestPath)} as a string, found ${describeValue(digest)}.`,
        );
      } else if (shape !== undefined && !shape.test(digest)) {
        out.error(
          digestPath,
          'invalid_hash',
          `"${digest.slice(0, 140)}" ${where(digestPath)} is not a valid ${algorithm} digest.`,
        );
      } else if (shape === undefined && onlyKnown) {
        out.error(
          digestPath,
          'not_in_vocabulary',
          `The hash algorithm "${algorithm.slice(0, 60)}" ${where(path)} is not one of ${[...KNOWN_HASHES.keys()].join(', ')}.`,
        );
      } else if (shape === undefined && !HASH_KEY.test(algorithm)) {
        out.error(
          digestPath,
          'invalid_dictionary_key',
          `The hash algorithm name "${algorithm.slice(0, 60)}" ${where(path)} may only use letters, digits, "-" and "_" (3 to 250 characters).`,
        );
      }
    }
    if (count === 0)
      out.error(
        path,
        'empty_dictionary',
        `The hashes ${where(path)} are empty; STIX requires omitting the property instead.`,
      );
  };
}
