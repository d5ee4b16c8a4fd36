// The database backends the store suite runs against: PGlite always; a real Postgres server when
// LINEUP_TEST_DATABASE_URL is set (CI: Debian's PostgreSQL 15). Every start() gives an empty,
// isolated database: a PGlite clone of a once-per-process template, or a fresh database created
// on the server and dropped by stop().
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { silentLogger } from '../../src/log.js';
import { openDatabase, type LineupDatabase } from '../../src/store/database.js';
import { startEmbeddedPostgres } from '../../src/store/embedded.js';
import { migrate } from '../../src/store/migrations.js';

export interface TestServer {
  readonly host: string;
  readonly port: number;
  /** A postgres:// URL to this database, optionally through another host:port (a proxy). */
  url(via?: { host: string; port: number }): string;
  /** Pool size the backend supports. */
  readonly maxConnections: number;
  stop(): Promise<void>;
}

export interface TestBackend {
  readonly name: 'pglite' | 'postgres';
  start(): Promise<TestServer>;
}

let template: Promise<Blob> | undefined;

/** initdb takes ~10 s: done once per process, then each database is a clone of the dump. */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const pg = await PGlite.create();
    const dump = await pg.dumpDataDir('none');
    await pg.close();
    return dump;
  })();
  return template;
}

const pglite: TestBackend = {
  name: 'pglite',
  async start() {
    const embedded = await startEmbeddedPostgres({ loadDataDir: await pgliteTemplate() });
    return {
      host: embedded.host,
      port: embedded.port,
      maxConnections: 1,
      url: (via) => `postgres://postgres@${via?.host ?? embedded.host}:${via?.port ?? embedded.port}/postgres`,
      stop: () => embedded.stop(),
    };
  },
};

function serverBackend(adminUrl: string): TestBackend {
  return {
    name: 'postgres',
    async start() {
      const name = `lineup_test_${randomBytes(6).toString('hex')}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const base = new URL(adminUrl);
      const host = base.hostname;
      const port = Number(base.port || '5432');
      return {
        host,
        port,
        maxConnections: 4,
        url(via) {
          const url = new URL(adminUrl);
          url.hostname = via?.host ?? host;
          url.port = String(via?.port ?? port);
          url.pathname = `/${name}`;
          return url.toString();
        },
        async stop() {
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  };
}

export function testBackends(env: NodeJS.ProcessEnv = process.env): TestBackend[] {
  const url = env['LINEUP_TEST_DATABASE_URL'];
  return url === undefined || url === '' ? [pglite] : [pglite, serverBackend(url)];
}

export interface TestDatabase {
  readonly server: TestServer;
  readonly database: LineupDatabase;
  close(): Promise<void>;
}

/** A started backend, opened through openDatabase and migrated to the latest schema. */
export async function openTestDatabase(backend: TestBackend): Promise<TestDatabase> {
  const server = await backend.start();
  const opened = await openDatabase({ url: server.url(), logger: silentLogger, maxConnections: server.maxConnections });
  if (!opened.ok) {
    await server.stop();
    throw new Error(opened.error.message);
  }
  await migrate(opened.database.sql);
  return {
    server,
    database: opened.database,
    async close() {
      await opened.database.close();
      await server.stop();
    },
  };
}
