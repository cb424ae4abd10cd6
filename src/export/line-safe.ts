/** Control characters, space, DEL and the Unicode line/paragraph separators some readers split on. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0020\u007f\u0085\u2028\u2029]/;

/**
 * True when a value can stand alone on a line of a blocklist: non-empty and free of whitespace and
 * control characters. Normalised observables always are; anything else is dropped, never emitted half.
 */
export function isLineSafe(value: string): boolean {
  return value.length > 0 && !UNSAFE.test(value);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** Free text (names, descriptions) for one-line fields: control characters and tabs become one space. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').trim();
}
