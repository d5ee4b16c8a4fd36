// The embedded default: PGlite (a single-user Postgres in WebAssembly) behind a Postgres wire
// socket on 127.0.0.1, so the rest of Lineup talks to it through the same postgres.js path as to
// a real server. PGlite has no LISTEN/NOTIFY and no COPY FROM STDIN: nothing relies on them.
// It runs in a worker thread: PGlite executes each query synchronously, and on the controller's
// thread every event-log batch would hold up routing for as long as it takes.
import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

export interface EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
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
/** stop(): PGlite's close (a checkpoint) is waited for this long before the thread is ended anyway. */
const STOP_TIMEOUT_MS = 10_000;

interface WorkerInput {
  readonly pgliteUrl: string;
  readonly socketUrl: string;
  readonly dataDir: string | undefined;
  readonly dump: ArrayBuffer | undefined;
  readonly maxConnections: number;
}

type WorkerMessage = { readonly kind: 'started'; readonly port: number } | { readonly kind: 'failed'; readonly message: string } | { readonly kind: 'stopped' };

// The thread's program, in plain JavaScript: a worker's entry cannot be a TypeScript file under tsx (tests, dev),
// and the packages are given as resolved URLs so that it does not depend on the working directory.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite } = await import(workerData.pgliteUrl);
  const { PGLiteSocketServer } = await import(workerData.socketUrl);
  let pglite, server;
  try {
    pglite = await PGlite.create({
      ...(workerData.dataDir !== undefined ? { dataDir: workerData.dataDir } : {}),
      ...(workerData.dump !== undefined ? { loadDataDir: new Blob([workerData.dump]) } : {}),
    });
    server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: workerData.maxConnections });
    await server.start();
  } catch (error) {
    if (pglite !== undefined) await pglite.close().catch(() => {});
    parentPort.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  const conn = server.getServerConn();
  parentPort.postMessage({ kind: 'started', port: Number(conn.slice(conn.lastIndexOf(':') + 1)) });
  parentPort.once('message', async () => {
    await server.stop();
    await pglite.close();
    parentPort.postMessage({ kind: 'stopped' });
  });
})();
`;

/** The thread's next message, or its error or exit as a failure. */
function nextMessage(worker: Worker): Promise<WorkerMessage> {
  return new Promise((resolve) => {
    const settle = (message: WorkerMessage): void => {
      worker.off('message', settle);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(message);
    };
    const onError = (error: Error): void => settle({ kind: 'failed', message: error.message });
    const onExit = (code: number): void => settle({ kind: 'failed', message: `the database thread exited (${code})` });
    worker.on('message', settle);
    worker.once('error', onError);
    worker.once('exit', onExit);
  });
}

export async function startEmbeddedPostgres(source: EmbeddedSource): Promise<EmbeddedPostgres> {
  if (source.dataDir !== undefined) await mkdir(source.dataDir, { recursive: true });
  const input: WorkerInput = {
    pgliteUrl: import.meta.resolve('@electric-sql/pglite'),
    socketUrl: import.meta.resolve('@electric-sql/pglite-socket'),
    dataDir: source.dataDir,
    dump: source.loadDataDir === undefined ? undefined : await source.loadDataDir.arrayBuffer(),
    maxConnections: MAX_CONNECTIONS,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
  const started = await nextMessage(worker);
  if (started.kind !== 'started') {
    await worker.terminate();
    throw new Error(started.kind === 'failed' ? started.message : 'the database thread stopped before it started');
  }
  return {
    host: '127.0.0.1',
    port: started.port,
    async stop() {
      const stopped = nextMessage(worker);
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
