import { PSS_FILES } from './pss-set.js';
import type { PssSet } from './pss-set.js';

export interface PssFile {
  name: string;
  content: Buffer;
  /** Unix permission bits: the key file is readable by its owner only. */
  mode: number;
}

/**
 * The files of a set directory in the private-search-set feed layout: `private-search-set.json`
 * (meta format), `private-search-set.pss` (one hex hash a line) and `private-search-set.bloom`
 * (DCSO bloom), and, when a key is given, `private-search-set.key` (Accord's: the hex key that
 * `accord pss check` reads; the format leaves key distribution to the parties).
 */
export function pssFiles(set: PssSet, keyHex?: string): PssFile[] {
  const files: PssFile[] = [
    {
      name: PSS_FILES.metadata,
      content: Buffer.from(`${JSON.stringify(set.metadata, null, 2)}\n`),
      mode: 0o644,
    },
    { name: PSS_FILES.hashes, content: Buffer.from(set.hashes.map((h) => `${h}\n`).join('')), mode: 0o644 },
    { name: PSS_FILES.bloom, content: set.bloom, mode: 0o644 },
  ];
  if (keyHex !== undefined)
    files.push({ name: PSS_FILES.key, content: Buffer.from(`${keyHex}\n`), mode: 0o600 });
  return files;
}

const BLOCK = 512;

/** One ustar header (POSIX.1-1988): name, mode, size, mtime, type (0 file, 5 directory), checksum. */
function tarHeader(path: string, size: number, mode: number, mtime: number, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(path) > 100) throw new Error(`archive path too long: ${path}`);
  const octal = (value: number, width: number, at: number) =>
    h.write(`${value.toString(8).padStart(width - 1, '0')}\0`, at, width, 'ascii');
  h.write(path, 0, 100, 'utf8');
  octal(mode, 8, 100);
  octal(0, 8, 108); // uid
  octal(0, 8, 116); // gid
  octal(size, 12, 124);
  octal(mtime, 12, 136);
  h.fill(' ', 148, 156); // checksum field counts as spaces while summing
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\u000000', 257, 8, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

/** A tar archive (ustar) of `files` under the directory `dir`, as `tar -xf` unpacks it. */
export function tarArchive(dir: string, files: readonly PssFile[], mtime: Date): Buffer {
  const seconds = Math.floor(mtime.getTime() / 1000);
  const parts: Buffer[] = [tarHeader(`${dir}/`, 0, 0o755, seconds, '5')];
  for (const f of files) {
    parts.push(tarHeader(`${dir}/${f.name}`, f.content.length, f.mode, seconds, '0'), f.content);
    const pad = (BLOCK - (f.content.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
