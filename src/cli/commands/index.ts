import type { Command } from 'commander';
import { registerExport } from './export.js';
import { registerGet } from './get.js';
import { registerImport } from './import.js';
import { registerServe } from './serve.js';
import { registerStats } from './stats.js';
import { registerTaxii } from './taxii.js';

/** Every `accord` command; each lives in its own file. */
export function registerCommands(program: Command): void {
  registerServe(program);
  registerImport(program);
  registerExport(program);
  registerGet(program);
  registerStats(program);
  registerTaxii(program);
}
