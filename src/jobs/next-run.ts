import { Cron } from 'croner';
import { invalidInput } from '../errors.js';

/** Checks a cron expression (five or six fields, or `@hourly`-style nicknames), read in UTC. */
export function checkSchedule(schedule: string): string {
  try {
    new Cron(schedule, { timezone: 'UTC' });
    return schedule;
  } catch (error) {
    throw invalidInput(
      'invalid_schedule',
      `"${schedule}" is not a cron schedule: ${(error as Error).message}`,
    );
  }
}

/** The next time a schedule fires strictly after `after`, as ISO text; null for a schedule that ended. */
export function nextRunAt(schedule: string, after: Date): string | null {
  const next = new Cron(schedule, { timezone: 'UTC' }).nextRun(after);
  return next === null ? null : next.toISOString();
}
