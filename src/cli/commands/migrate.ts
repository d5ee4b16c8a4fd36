// `lineup migrate`: applies the pending sql/*.sql migrations (the controller also does at start).
import type { Command } from 'commander';
import { MigrationError, migrate } from '../../store/migrations.js';
import { addDatabaseOptions, openFromOptions, type DatabaseOptions } from '../database-options.js';
import { runtimeError } from '../errors.js';

export function register(program: Command): void {
  addDatabaseOptions(program.command('migrate').description('apply pending database migrations'))
    .action(async (options: DatabaseOptions) => {
      const database = await openFromOptions(options);
      try {
        const applied = await migrate(database.sql);
        process.stdout.write(
          applied.length === 0
            ? `${database.target}: schema up to date\n`
            : `${database.target}: applied ${applied.join(', ')}\n`,
        );
      } catch (error) {
        throw error instanceof MigrationError ? runtimeError(`${error.message} (nothing of it was applied)`) : error;
      } finally {
        await database.close();
      }
    });
}
