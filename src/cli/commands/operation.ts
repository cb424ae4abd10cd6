import type { Command } from 'commander';
import { registerOperationCar } from './operation-car.js';
import { registerOperationManage } from './operation-manage.js';
import { registerOperationResults } from './operation-results.js';
import { registerOperationStatus } from './operation-status.js';
import { registerOperationTargets } from './operation-targets.js';

/**
 * `accord operation …`: law-enforcement operations from the command line, each subcommand a thin face
 * over the services of src/operations (the same ones REST calls), acting as `--as <email>`.
 */
export function registerOperation(program: Command): void {
  const operation = program.command('operation').description('law-enforcement operations');
  registerOperationManage(operation);
  registerOperationTargets(operation);
  registerOperationStatus(operation);
  registerOperationResults(operation);
  registerOperationCar(operation);
}
