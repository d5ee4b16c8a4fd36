// `lineup migrate`: applies the pending sql/*.sql migrations (every command and the controller
// also do on opening; this one says what it applied).
import type { Command } from 'commander';
import { openTarget, resolveTarget } from '../connect.js';
import { addDatabaseOptions, type DatabaseOptions } from '../database-options.js';

export function register(program: Command): void {
  addDatabaseOptions(program.command('migrate').description('apply pending database migrations')).action(async (options: DatabaseOptions) => {
    const { database, applied } = await openTarget(await resolveTarget(options));
    try {
      process.stdout.write(applied.length === 0 ? `${database.target}: schema up to date\n` : `${database.target}: applied ${applied.join(', ')}\n`);
    } finally {
      await database.close();
    }
  });
}
