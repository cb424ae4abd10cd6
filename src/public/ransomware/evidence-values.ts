/**
 * Pulls the identifying values out of free text (a ransom note, a galaxy entry): e-mail addresses,
 * Bitcoin and Monero addresses, onion hosts. Deliberately strict shapes, so prose rarely matches.
 */
const EMAIL = /[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}/gi;
// Legacy (1…, 3…) and bech32 (bc1…) Bitcoin addresses.
const BTC = /\b(?:[13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[ac-hj-np-z02-9]{11,71})\b/g;
// Monero standard (95 chars) and integrated (106 chars) addresses start with 4 or 8.
const XMR = /\b[48][0-9AB][1-9A-HJ-NP-Za-km-z]{93}(?:[1-9A-HJ-NP-Za-km-z]{11})?\b/g;
const ONION = /\b(?:[a-z2-7]{16}|[a-z2-7]{56})\.onion\b/gi;

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function emailsIn(text: string): string[] {
  return unique([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase().replace(/\.+$/, '')));
}

export function btcIn(text: string): string[] {
  return unique([...text.matchAll(BTC)].map((m) => m[0]));
}

export function xmrIn(text: string): string[] {
  return unique([...text.matchAll(XMR)].map((m) => m[0]));
}

/** Onion hosts, lower-case, without scheme or path. */
export function onionsIn(text: string): string[] {
  return unique([...text.matchAll(ONION)].map((m) => m[0].toLowerCase()));
}
