// Where a CLI command goes. The database: DATABASE_URL if set; otherwise the embedded PGlite in
// the data directory, reached through the running controller's socket when one holds it
// (<dataDir>/controller.json with a live pid), else opened directly. The controller's API (for
// live commands): --api-url / LINEUP_API_URL with LINEUP_API_TOKEN, else controller.json.
import { readRuntimeFile, type ControllerRuntime } from '../controller/runtime-file.js';
import { silentLogger } from '../log.js';
import { defaultDataDir, openDatabase, type LineupDatabase } from '../store/database.js';
import { MigrationError, migrate } from '../store/migrations.js';
import { runtimeError, usageError } from './errors.js';

export interface ControllerAddress {
  readonly apiUrl: string;
  readonly apiToken: string | undefined;
}

export interface CliTarget {
  /** postgres:// URL, or undefined for the embedded database in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** The running controller, when one is known. */
  readonly controller: ControllerAddress | null;
}

export interface ApiOverride {
  readonly apiUrl?: string | undefined;
  readonly apiToken?: string | undefined;
  /** --database-url / --data-dir of the commands that take them. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export async function resolveTarget(override: ApiOverride = {}, env: NodeJS.ProcessEnv = process.env): Promise<CliTarget> {
  const dataDir = nonEmpty(override.dataDir) ?? defaultDataDir(env);
  const runtime: ControllerRuntime | null = await readRuntimeFile(dataDir);
  const apiUrl = nonEmpty(override.apiUrl) ?? nonEmpty(env['LINEUP_API_URL']);
  const apiToken = nonEmpty(override.apiToken) ?? nonEmpty(env['LINEUP_API_TOKEN']);
  const controller =
    apiUrl !== undefined
      ? { apiUrl, apiToken: apiToken ?? (runtime?.apiUrl === apiUrl ? runtime.apiToken : undefined) }
      : runtime !== null
        ? { apiUrl: runtime.apiUrl, apiToken: apiToken ?? runtime.apiToken }
        : null;
  return {
    databaseUrl: nonEmpty(override.databaseUrl) ?? nonEmpty(env['DATABASE_URL']) ?? runtime?.databaseUrl,
    dataDir,
    controller,
  };
}

/** The target's database, opened and migrated, with the migrations this opening applied. */
export interface OpenedTarget {
  readonly database: LineupDatabase;
  readonly applied: readonly string[];
}

/**
 * Opens the target's database, migrated as `lineup serve` does at start (idempotent, serialised
 * by an advisory lock), so every command works on a fresh install before the first `serve`.
 */
export async function openTarget(target: CliTarget): Promise<OpenedTarget> {
  const opened = await openDatabase({ url: target.databaseUrl, dataDir: target.dataDir, logger: silentLogger, maxConnections: 1 });
  if (!opened.ok) throw opened.error.kind === 'invalid-url' ? usageError(opened.error.message) : runtimeError(opened.error.message);
  const database = opened.database;
  try {
    return { database, applied: await migrate(database.sql) };
  } catch (error) {
    await database.close();
    const reason = error instanceof MigrationError ? `${error.message} (nothing of it was applied)` : error instanceof Error ? error.message : String(error);
    throw runtimeError(`cannot bring ${database.target} up to date: ${reason}`);
  }
}

/** Runs `use` with the target's database open, and closes it whatever happens. */
export async function withDatabase<T>(target: CliTarget, use: (database: LineupDatabase) => Promise<T>): Promise<T> {
  const { database } = await openTarget(target);
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}
