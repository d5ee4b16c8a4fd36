// The --database-url / --data-dir flags of the commands that take them; src/cli/connect.ts
// resolves and opens the database from them (DATABASE_URL, controller.json, or the data dir).
import type { Command } from 'commander';

export interface DatabaseOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
}

export function addDatabaseOptions(command: Command): Command {
  return command
    .option('--database-url <url>', 'Postgres server (default: $DATABASE_URL; none = embedded database)')
    .option('--data-dir <dir>', 'embedded database directory (default: $LINEUP_DATA_DIR or ~/.lineup/data)');
}
