#!/usr/bin/env node
// The `accord` command: the compiled CLI when it has been built (npm start builds it), otherwise the
// TypeScript sources through tsx, so `npx accord` works right after `npm install`.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let cli;
if (existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv);
