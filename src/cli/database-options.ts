// The options every database-using command shares, and opening the database from them:
// DATABASE_URL (or --database-url) for a server, else the embedded PGlite in --data-dir,
// LINEUP_DATA_DIR or ~/.lineup/data: through the running controller's socket when controller.json
// names one (PGlite must not be opened twice on one directory), else opened directly.
import type { Command } from 'commander';
import { silentLogger } from '../log.js';
import { readRuntimeFile } from '../controller/runtime-file.js';
import { defaultDataDir, openDatabase, type LineupDatabase } from '../store/database.js';
import { migrationStatus } from '../store/migrations.js';
import { runtimeError, usageError } from './errors.js';

export interface DatabaseOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
}

export function addDatabaseOptions(command: Command): Command {
  return command
    .option('--database-url <url>', 'Postgres server (default: $DATABASE_URL; none = embedded database)')
    .option('--data-dir <dir>', 'embedded database directory (default: $LINEUP_DATA_DIR or ~/.lineup/data)');
}

export async function openFromOptions(options: DatabaseOptions): Promise<LineupDatabase> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const url = options.databaseUrl ?? (process.env['DATABASE_URL'] || undefined) ?? (await readRuntimeFile(dataDir))?.databaseUrl;
  const opened = await openDatabase({ url, dataDir, logger: silentLogger });
  if (opened.ok) return opened.database;
  throw opened.error.kind === 'invalid-url' ? usageError(opened.error.message) : runtimeError(opened.error.message);
}

/** For commands that read the schema: a database not migrated yet is a clear runtime error. */
export async function openMigrated(options: DatabaseOptions): Promise<LineupDatabase> {
  const database = await openFromOptions(options);
  const { pending } = await migrationStatus(database.sql);
  if (pending.length > 0) {
    await database.close();
    throw runtimeError(`the database at ${database.target} lacks migrations ${pending.join(', ')}: run \`lineup migrate\``);
  }
  return database;
}
