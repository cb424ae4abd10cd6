import { main } from './main.js';

// Entry point for `tsx src/cli/run.ts ...` (development and tests); bin/accord.js does the same.
process.exitCode = await main(process.argv);
