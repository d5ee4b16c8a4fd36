// Schema migrations: sql/NNNN_name.sql files applied in name order, each in its own
// transaction, recorded in lineup_migrations. Our own runner (not Kysely's Migrator) so the
// files stay plain SQL and no TS loader is needed.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type postgres from 'postgres';

export interface Migration {
  readonly name: string;
  readonly sql: string;
}

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

/** The package's sql/ folder, found from this file both in src/store (tsx) and dist/src/store. */
export function migrationsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.includes('/dist/src/') ? new URL('../../../', import.meta.url) : new URL('../../', import.meta.url);
  return fileURLToPath(new URL('sql/', root));
}

export async function loadMigrations(dir: string = migrationsDir()): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => MIGRATION_FILE.test(name)).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(`${dir}/${name}`, 'utf8') })));
}

async function ensureTable(sql: postgres.Sql): Promise<void> {
  await sql`create table if not exists lineup_migrations (
    name text primary key, applied_at timestamptz(3) not null default now())`;
}

export async function migrationStatus(sql: postgres.Sql, migrations?: readonly Migration[]): Promise<MigrationStatus> {
  await ensureTable(sql);
  const all = migrations ?? (await loadMigrations());
  const rows = await sql<{ name: string }[]>`select name from lineup_migrations order by name`;
  const applied = rows.map((row) => row.name);
  const done = new Set(applied);
  return { applied, pending: all.filter((m) => !done.has(m.name)).map((m) => m.name) };
}

/**
 * Applies the pending migrations in order; returns their names. A failing file is rolled back
 * and stops the run (the error names the file); files before it stay applied.
 */
export async function migrate(sql: postgres.Sql, migrations?: readonly Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  const { pending } = await migrationStatus(sql, all);
  const applied: string[] = [];
  for (const migration of all.filter((m) => pending.includes(m.name))) {
    try {
      await sql.begin(async (tx) => {
        // Serialises concurrent runners (two controllers starting at once) on a real server.
        await tx`select pg_advisory_xact_lock(7220147)`;
        const [done] = await tx`select 1 from lineup_migrations where name = ${migration.name}`;
        if (done !== undefined) return;
        await tx.unsafe(migration.sql);
        await tx`insert into lineup_migrations (name) values (${migration.name})`;
      });
    } catch (error) {
      throw new MigrationError(migration.name, error);
    }
    applied.push(migration.name);
  }
  return applied;
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}
