// Opening Lineup's database: a Postgres server when a URL is given (DATABASE_URL), otherwise the
// embedded PGlite on a data directory. Both are reached through postgres.js + Kysely.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CamelCasePlugin, Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import type { Logger } from '../log.js';
import { startEmbeddedPostgres, type EmbeddedSource } from './embedded.js';
import type { Database } from './schema.js';

export interface LineupDatabase {
  readonly db: Kysely<Database>;
  readonly sql: postgres.Sql;
  /** Where we are connected, without credentials: "postgres://host:port/db" or "embedded PGlite in DIR". */
  readonly target: string;
  /** A URL another process can connect with (the embedded backend's socket while this process runs). */
  readonly url: string;
  close(): Promise<void>;
}

export type DatabaseOpenError =
  | { readonly kind: 'invalid-url'; readonly message: string }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'embedded-failed'; readonly message: string };

export type DatabaseOpenResult =
  | { readonly ok: true; readonly database: LineupDatabase }
  | { readonly ok: false; readonly error: DatabaseOpenError };

export interface OpenDatabaseOptions {
  /** postgres:// URL of a server; absent = embedded PGlite. */
  readonly url?: string | undefined;
  /** Embedded data directory; absent = defaultDataDir(). */
  readonly dataDir?: string | undefined;
  /** Embedded only: start from a PGlite dump instead of a directory (test clones). */
  readonly loadDataDir?: Blob | undefined;
  readonly logger: Logger;
  /** Pool size for a server (the embedded backend always uses one connection). */
  readonly maxConnections?: number;
}

/** ~/.lineup/data unless LINEUP_DATA_DIR says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['LINEUP_DATA_DIR'] ?? join(homedir(), '.lineup', 'data');
}

const CONNECT_TIMEOUT_SECONDS = 5;
const CLOSE_TIMEOUT_SECONDS = 5;

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseOpenResult> {
  if (options.url !== undefined) return openServer(options.url, options);
  const source: EmbeddedSource =
    options.loadDataDir !== undefined
      ? { loadDataDir: options.loadDataDir }
      : { dataDir: options.dataDir ?? defaultDataDir() };
  let embedded;
  try {
    embedded = await startEmbeddedPostgres(source);
  } catch (error) {
    const where = source.dataDir ?? 'memory';
    return failure('embedded-failed', `cannot start the embedded database in ${where}: ${describe(error)}` +
      ' (check the directory is writable and not used by another Lineup process, or set DATABASE_URL)');
  }
  const sql = postgres({
    host: embedded.host,
    port: embedded.port,
    username: 'postgres',
    database: 'postgres',
    max: 1, // PGlite is a single-user backend
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    onnotice: () => {},
  });
  const target = `embedded PGlite in ${source.dataDir ?? 'memory'}`;
  options.logger.debug({ target }, 'database opened');
  return { ok: true, database: wrap(sql, target, `postgres://postgres@${embedded.host}:${embedded.port}/postgres`, () => embedded.stop()) };
}

async function openServer(url: string, options: OpenDatabaseOptions): Promise<DatabaseOpenResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return failure('invalid-url', `DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return failure('invalid-url', `DATABASE_URL must start with postgres:// (got ${parsed.protocol}//)`);
  }
  const target = `postgres://${parsed.host}${parsed.pathname}`;
  const sql = postgres(url, {
    max: options.maxConnections ?? 10,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    onnotice: () => {},
  });
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 0 });
    return failure('unreachable', `cannot connect to Postgres at ${target}: ${describe(error)}` +
      ' (check that the server runs and DATABASE_URL has the right host, port, user, password and database;' +
      ' unset DATABASE_URL to use the embedded database)');
  }
  options.logger.debug({ target }, 'database opened');
  return { ok: true, database: wrap(sql, target, url, async () => {}) };
}

function wrap(sql: postgres.Sql, target: string, url: string, stopBackend: () => Promise<void>): LineupDatabase {
  const db = new Kysely<Database>({
    dialect: new PostgresJSDialect({ postgres: sql }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    sql,
    target,
    url,
    async close() {
      // Bounded: a query stuck on a dead connection would make end() wait forever.
      await sql.end({ timeout: CLOSE_TIMEOUT_SECONDS });
      await db.destroy();
      await stopBackend();
    },
  };
}

function failure(kind: DatabaseOpenError['kind'], message: string): DatabaseOpenResult {
  return { ok: false, error: { kind, message } };
}

/** An error's message with its code, e.g. "connect ECONNREFUSED 127.0.0.1:5432 (ECONNREFUSED)". */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
