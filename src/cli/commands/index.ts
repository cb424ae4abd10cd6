import type { Command } from 'commander';
import { registerAudit } from './audit.js';
import { registerExport } from './export.js';
import { registerGet } from './get.js';
import { registerFeed } from './feed.js';
import { registerGroup } from './group.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerKey } from './key.js';
import { registerMatch } from './match.js';
import { registerOrg } from './org.js';
import { registerPattern } from './pattern.js';
import { registerPolicy } from './policy.js';
import { registerReport } from './report.js';
import { registerRansomware } from './ransomware.js';
import { registerDeconflict } from './deconflict.js';
import { registerPss } from './pss.js';
import { registerServe } from './serve.js';
import { registerStats } from './stats.js';
import { registerTaxii } from './taxii.js';
import { registerUser } from './user.js';
import { registerOperationCar } from './operation-car.js';
import { registerFederation } from './federation.js';

/** Every `accord` command; each lives in its own file. */
export function registerCommands(program: Command): void {
  registerServe(program);
  registerInit(program);
  registerImport(program);
  registerExport(program);
  registerGet(program);
  registerStats(program);
  registerTaxii(program);
  registerOrg(program);
  registerUser(program);
  registerKey(program);
  registerGroup(program);
  registerAudit(program);
  registerPolicy(program);
  registerMatch(program);
  registerPattern(program);
  registerFeed(program);
  registerReport(program);
  registerRansomware(program);
  registerDeconflict(program);
  registerPss(program);
  registerOperationCar(program.command('operation').description('law-enforcement operations'));
  registerFederation(program);
}
