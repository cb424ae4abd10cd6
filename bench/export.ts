/**
 * Export formatting throughput: 1,000,000 generated ExportItems (fixed seed) written as Suricata rules
 * and as a plain CIDR blocklist. Formatting only; the store read path is measured elsewhere.
 * Usage: tsx bench/export.ts [--count N]
 */
import { pathToFileURL } from 'node:url';
import type { ExportItem } from '../src/export/export-item.js';
import { plainListFormatter } from '../src/export/plain-list.js';
import { suricataFormatter } from '../src/export/suricata.js';

/** mulberry32: a tiny seeded PRNG, so every run formats the same items. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TLPS = ['clear', 'green', 'amber', 'amber+strict', undefined] as const;

export function generateItems(count: number, seed = 20250102): ExportItem[] {
  const rnd = random(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const hex = (n: number) => {
    let out = '';
    while (out.length < n)
      out += Math.floor(rnd() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, n);
  };
  const items: ExportItem[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rnd();
    const id = `indicator--${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
    const base = {
      id,
      labels: ['malicious-activity'],
      modified: '2025-01-02T03:04:05.000Z',
      tlp: TLPS[int(5)],
    };
    let item: ExportItem;
    if (roll < 0.4)
      item = { ...base, kind: 'ipv4', value: `${1 + int(223)}.${int(256)}.${int(256)}.${int(256)}` };
    else if (roll < 0.45) item = { ...base, kind: 'ipv6', value: `2001:db8:${hex(4)}::${hex(4)}` };
    else if (roll < 0.5)
      item = { ...base, kind: 'ipv4-cidr', value: `${1 + int(223)}.${int(256)}.${int(256)}.0/24` };
    else if (roll < 0.75) item = { ...base, kind: 'domain', value: `${hex(10)}.example` };
    else if (roll < 0.9)
      item = { ...base, kind: 'url', value: `http://${hex(8)}.example/${hex(6)}/gate.php?id=${hex(8)}` };
    else item = { ...base, kind: 'sha256', value: hex(64) };
    if (roll < 0.5) item.name = 'C2 server';
    items.push(item);
  }
  // Items read from a store arrive as flat strings; template-built ones are V8 cons strings, whose first
  // hashing flattens them and would charge the formatter for the generator's shortcut.
  return JSON.parse(JSON.stringify(items)) as ExportItem[];
}

async function measure(
  label: string,
  chunks: AsyncIterable<string>,
  count: number,
  log: (line: string) => void,
): Promise<{ wall: number; cpu: number }> {
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let bytes = 0;
  let chunkCount = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    chunkCount += 1;
    if (chunkCount % 500 === 0) log(`  ${label}: ${(bytes / 1e6).toFixed(0)} MB written`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  log(
    `${label}: ${count.toLocaleString('en-US')} items in ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} s CPU), ${(bytes / 1e6).toFixed(1)} MB, ${chunkCount} chunks`,
  );
  // CPU time too: on a shared machine wall time measures the neighbours as much as the formatter.
  return { wall: count / seconds, cpu: count / cpuSeconds };
}

export async function run(args: string[]): Promise<string> {
  const at = args.indexOf('--count');
  const count = at >= 0 ? Number(args[at + 1]) : 1_000_000;
  const log = (line: string) => {
    process.stdout.write(`${line}\n`);
  };
  log(`export: generating ${count.toLocaleString('en-US')} items (fixed seed)`);
  const items = generateItems(count);
  const suricata = await measure('suricata', suricataFormatter(items), count, log);
  const plain = await measure('plain (cidr list)', plainListFormatter('cidr')(items), count, log);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  return `export: suricata ${fmt(suricata.wall)} items/s, plain ${fmt(plain.wall)} items/s (${count.toLocaleString('en-US')} indicators; per CPU-second: suricata ${fmt(suricata.cpu)}, plain ${fmt(plain.cpu)})`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2)).then(
    (summary) => {
      process.stdout.write(`${summary}\n`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
