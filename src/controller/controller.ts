// `lineup serve`: the running controller. Opens the database (migrating it), restores the
// configuration and agents' statuses into the engine, connects to every FreeSWITCH node, listens
// for the dialplan's outbound sockets and serves the control API. Stops in reverse order, and
// flushes the event log and the live state before the database closes.
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startApiServer, type ApiServer } from '../api/server.js';
import { databaseApiStore } from '../api/config-store.js';
import { Engine, touchedBy } from '../engine/index.js';
import { InboundPool, OutboundServer, type InboundNodeConfig } from '../freeswitch/index.js';
import type { Logger } from '../log.js';
import { defaultDataDir, openDatabase, type LineupDatabase } from '../store/database.js';
import { EventLog } from '../store/event-log.js';
import { migrate } from '../store/migrations.js';
import { CallFlow } from './call-flow.js';
import { ConfigSync } from './config-sync.js';
import { databaseConfigSource, databaseLiveState } from './database-store.js';
import { EngineHost } from './engine-host.js';
import { ExternalCalls } from './external-calls.js';
import { LiveControl } from './live-control.js';
import { LiveStateSync } from './live-state-sync.js';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file.js';

export interface ControllerOptions {
  readonly databaseUrl: string | undefined;
  /** Pool size for a database server (default 10); a PGlite socket takes 1. */
  readonly databaseConnections?: number;
  readonly dataDir: string | undefined;
  readonly esl: readonly InboundNodeConfig[];
  readonly outboundListen: { readonly host: string; readonly port: number };
  readonly apiListen: { readonly host: string; readonly port: number };
  readonly apiToken: string | undefined;
  readonly pauseReasons: readonly string[] | null;
  readonly logger: Logger;
  /** Wall clock; tests may pass another. */
  readonly clock?: () => number;
}

export interface RunningController {
  readonly outboundPort: number;
  readonly apiUrl: string;
  readonly apiToken: string;
  readonly database: LineupDatabase;
  readonly host: EngineHost;
  stop(): Promise<void>;
}

export type ControllerStartResult = { readonly ok: true; readonly controller: RunningController } | { readonly ok: false; readonly message: string };

/** Resources started so far, stopped in reverse order when a later step fails or at stop(). */
type Stopper = () => Promise<void> | void;

export async function startController(options: ControllerOptions): Promise<ControllerStartResult> {
  const { logger } = options;
  const clock = options.clock ?? Date.now;
  const dataDir = options.dataDir ?? defaultDataDir();
  const stoppers: Stopper[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stoppers.reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.warn({ err: error }, 'error while stopping');
      }
    }
    stoppers.length = 0;
  };
  const fail = async (message: string): Promise<ControllerStartResult> => {
    await stopAll();
    return { ok: false, message };
  };

  const opened = await openDatabase({ url: options.databaseUrl, dataDir, logger, maxConnections: options.databaseConnections });
  if (!opened.ok) return fail(opened.error.message);
  const database = opened.database;
  stoppers.push(() => database.close());
  try {
    const applied = await migrate(database.sql);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  } catch (error) {
    return fail(`cannot migrate ${database.target}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const eventLog = await EventLog.open({ sql: database.sql, spoolPath: join(dataDir, 'events.spool'), logger: logger.child({ module: 'event-log' }) });
  stoppers.push(() => eventLog.close());

  const engine = new Engine();
  let callFlow: CallFlow | null = null;
  let liveState: LiveStateSync | null = null;
  let liveControl: LiveControl | null = null;
  const host = new EngineHost(
    engine,
    {
      execute: (command) => callFlow?.execute(command),
      record: (events) => {
        eventLog.append(events);
        liveControl?.publishEvents(events);
      },
      handled: (input, outcome) => liveState?.touch(touchedBy(input, outcome)),
    },
    logger,
    clock,
  );
  stoppers.push(() => host.stop());
  liveState = new LiveStateSync(
    databaseLiveState(database),
    {
      all: () => host.snapshot(),
      agent: (agentId) => engine.agentSnapshot(agentId),
      member: (callId) => engine.memberSnapshot(callId),
      queueMembers: (queue) => engine.queueMemberSnapshots(queue),
    },
    clock,
    logger,
  );
  stoppers.push(() => liveState?.stop());
  liveControl = new LiveControl(host);

  const config = new ConfigSync(databaseConfigSource(database), host, logger);
  try {
    await config.start();
  } catch (error) {
    return fail(`cannot read the configuration from ${database.target}: ${error instanceof Error ? error.message : String(error)}`);
  }
  stoppers.push(() => config.stop());

  const pool = InboundPool.create(options.esl, logger);
  if (!pool.ok) return fail(pool.message);
  const nodes = pool.pool.names.flatMap((name) => pool.pool.node(name) ?? []);
  const flow = new CallFlow({ submit: (input) => host.submit(input), config, nodes, logger });
  callFlow = flow;
  stoppers.push(() => flow.stop());
  const externalCalls = new ExternalCalls((input) => host.submit(input), logger);
  pool.pool.on('event', (event) => {
    flow.onInboundEvent(event);
    externalCalls.onInboundEvent(event.node, event.event);
  });
  pool.pool.on('connected', ({ node, reconnect }) => {
    const inbound = pool.pool.node(node);
    if (inbound === undefined) return;
    flow.nodeConnected(inbound);
    if (!reconnect) return;
    void flow.reconcile(inbound);
    void externalCalls.reconcile(inbound);
  });
  pool.pool.start();
  stoppers.push(() => pool.pool.stop());

  const outbound = await OutboundServer.listen(options.outboundListen, logger);
  if (!outbound.ok) return fail(outbound.message);
  outbound.server.on('call', (call) => flow.accept(call));
  stoppers.push(() => outbound.server.close());

  const apiToken = options.apiToken ?? randomBytes(24).toString('base64url');
  let api: ApiServer;
  try {
    api = await startApiServer({
      host: options.apiListen.host,
      port: options.apiListen.port,
      token: apiToken,
      controlPlane: liveControl,
      store: databaseApiStore(database),
      logger,
      pauseReasons: options.pauseReasons,
      now: clock,
    });
  } catch (error) {
    return fail(`cannot serve the control API on ${options.apiListen.host}:${options.apiListen.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
  stoppers.push(() => api.close());

  await writeRuntimeFile(dataDir, { pid: process.pid, databaseUrl: database.url, apiUrl: api.url, apiToken });
  stoppers.push(() => removeRuntimeFile(dataDir));

  logger.info(
    { database: database.target, outbound: `${options.outboundListen.host}:${outbound.server.port}`, api: api.url, freeswitch: pool.pool.names },
    'lineup controller started',
  );
  return {
    ok: true,
    controller: {
      outboundPort: outbound.server.port,
      apiUrl: api.url,
      apiToken,
      database,
      host,
      stop: async () => {
        await stopAll();
        logger.info({}, 'lineup controller stopped');
      },
    },
  };
}
