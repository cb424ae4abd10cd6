import { createHash } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_ADDRESS = /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const BECH32_CHARS = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_ADDRESS = /^bc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{11,71}$/;
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function base58Decode(s: string): Uint8Array | null {
  let n = 0n;
  for (const c of s) {
    const digit = BASE58.indexOf(c);
    if (digit < 0) return null;
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const c of s) {
    if (c !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

/** Legacy P2PKH (`1...`) / P2SH (`3...`): 25 bytes whose last 4 are a double-SHA-256 checksum. */
function isBase58Address(s: string): boolean {
  if (!BASE58_ADDRESS.test(s)) return false;
  const bytes = base58Decode(s);
  if (bytes?.length !== 25) return false;
  const version = bytes[0];
  if (version !== 0 && version !== 5) return false;
  const body = bytes.subarray(0, 21);
  const sum = createHash('sha256').update(createHash('sha256').update(body).digest()).digest();
  return sum.subarray(0, 4).equals(bytes.subarray(21));
}

function polymod(values: readonly number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ gen[i]!) >>> 0;
  }
  return chk;
}

/** Segwit `bc1...` (BIP 173 bech32 for v0, BIP 350 bech32m for v1+), checksum verified. */
function isBech32Address(s: string): boolean {
  if (s !== s.toLowerCase() && s !== s.toUpperCase()) return false;
  const lower = s.toLowerCase();
  if (!BECH32_ADDRESS.test(lower) || lower.length > 90) return false;
  const data = Array.from(lower.slice(3), (c) => BECH32_CHARS.indexOf(c));
  const hrp = [3, 3, 0, 2, 3]; // "bc" expanded: high bits, 0, low bits
  const check = polymod([...hrp, ...data]);
  const witnessVersion = data[0]!;
  if (witnessVersion > 16) return false;
  return check === (witnessVersion === 0 ? BECH32_CONST : BECH32M_CONST);
}

/** True for a checksum-valid mainnet bitcoin address; checksums keep random base58-ish words out. */
export function isBitcoinAddress(value: string): boolean {
  return value.startsWith('bc1') || value.startsWith('BC1') ? isBech32Address(value) : isBase58Address(value);
}
