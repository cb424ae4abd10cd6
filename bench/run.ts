// `npm run bench -- <name> [args]`: runs bench/<name>.ts; without a name, runs the main ones in turn.
// Each benchmark prints progress and returns its one-line summary, printed last.
const ALL = ['ingest', 'match', 'export', 'taxii', 'correlate', 'deconflict'];

interface Bench {
  run(args: string[]): Promise<string>;
}

async function runOne(name: string, args: string[]): Promise<string> {
  if (!/^[a-z][a-z-]*$/.test(name)) throw new Error(`unknown benchmark ${name}`);
  const bench = (await import(`./${name}.ts`)) as Bench;
  return bench.run(args);
}

const [name, ...args] = process.argv.slice(2);
if (name !== undefined) {
  console.log(await runOne(name, args));
} else {
  const summaries: string[] = [];
  for (const each of ALL) {
    try {
      summaries.push(await runOne(each, []));
    } catch (error) {
      summaries.push(`${each}: not run (${(error as Error).message.split('\n')[0] ?? ''})`);
    }
  }
  for (const s of summaries.slice(0, -1)) console.log(s);
  console.log(summaries.join(' | '));
}
