/**
 * Regenerates src/public/ransomware/data/families.json from a MISP ransomware galaxy file:
 * `npx tsx scripts/ransomware-galaxy.ts [galaxy.json]` (default ../shared/data/misp-galaxy-ransomware.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { normaliseGalaxy } from '../src/public/ransomware/normalise-galaxy.js';

const input =
  process.argv[2] ?? new URL('../../shared/data/misp-galaxy-ransomware.json', import.meta.url).pathname;
const output = new URL('../src/public/ransomware/data/families.json', import.meta.url).pathname;
const result = normaliseGalaxy(JSON.parse(readFileSync(input, 'utf8')) as unknown);
if (!result.ok) {
  process.stderr.write(`${input}: ${result.error}\n`);
  process.exit(1);
}
writeFileSync(output, `${JSON.stringify(result.database)}\n`);
process.stdout.write(
  `${String(result.database.families.length)} families from galaxy version ${String(result.database.galaxy.version)} -> ${output}\n`,
);
