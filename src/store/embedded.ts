// The embedded default: PGlite (a single-user Postgres in WebAssembly) behind a Postgres wire
// socket on 127.0.0.1, so the rest of Lineup talks to it through the same postgres.js path as to
// a real server. PGlite has no LISTEN/NOTIFY and no COPY FROM STDIN: nothing relies on them.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
  /** The PGlite instance, for dumpDataDir (test templates). */
  readonly pglite: PGlite;
  stop(): Promise<void>;
}

export interface EmbeddedSource {
  /** A data directory, created when missing. */
  readonly dataDir?: string;
  /** Or a dump (PGlite.dumpDataDir) to start from, kept in memory: test clones. */
  readonly loadDataDir?: Blob;
}

/** Sockets the server accepts: postgres.js uses one, a reconnect may briefly overlap the old one. */
const MAX_CONNECTIONS = 4;

export async function startEmbeddedPostgres(source: EmbeddedSource): Promise<EmbeddedPostgres> {
  if (source.dataDir !== undefined) await mkdir(source.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(source.dataDir !== undefined ? { dataDir: source.dataDir } : {}),
    ...(source.loadDataDir !== undefined ? { loadDataDir: source.loadDataDir } : {}),
  });
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  return {
    host: '127.0.0.1',
    port,
    pglite,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
