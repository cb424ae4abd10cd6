import type { Command } from 'commander';
import { countByType } from '../../store/objects/read-objects.js';
import { resolveActor, withStore } from '../cli-context.js';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('count stored objects by type')
    .option('--json', 'print JSON')
    .option('--as <email>', 'count what this user may see')
    .action(async (flags: { json?: boolean; as?: string }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const counts = await countByType(store.db, actor);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify({ total, byType: counts }, null, 2)}\n`);
          return;
        }
        const width = Math.max(5, ...Object.keys(counts).map((t) => t.length));
        for (const [type, n] of Object.entries(counts)) process.stdout.write(`${type.padEnd(width)}  ${n}\n`);
        process.stdout.write(`${'total'.padEnd(width)}  ${total}\n`);
      });
    });
}
