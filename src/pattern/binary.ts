/** Binary values (`_hex`/`_bin` properties, `h''`/`b''` constants) as byte arrays. */

const HEX = /^(?:[0-9A-Fa-f]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function hexToBytes(hex: string): Uint8Array | null {
  return HEX.test(hex) ? new Uint8Array(Buffer.from(hex, 'hex')) : null;
}

export function base64ToBytes(b64: string): Uint8Array | null {
  return BASE64.test(b64) ? new Uint8Array(Buffer.from(b64, 'base64')) : null;
}

/** The spec compares strings with binary only when every code point fits in one byte. */
export function latin1ToBytes(s: string): Uint8Array | null {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return null;
    out[i] = c;
  }
  return out;
}

export function bytesToLatin1(b: Uint8Array): string {
  let s = '';
  for (const byte of b) s += String.fromCharCode(byte);
  return s;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
