// A controller wired to the FreeSWITCH double and a fresh database, for end-to-end tests through
// the wire. Configuration goes in through the same tables the CLI writes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configStores } from '../../src/api/config-store.js';
import { startController, type RunningController } from '../../src/controller/controller.js';
import { defaultAgentConfig, defaultQueueConfig, type AgentConfig, type QueueConfig, type TierConfig } from '../../src/engine/index.js';
import { silentLogger } from '../../src/log.js';
import { FreeswitchDouble } from '../double/index.js';
import { testBackends, type TestServer } from '../support/databases.js';

export interface Stack {
  readonly fs: FreeswitchDouble;
  readonly controller: RunningController;
  readonly db: TestServer;
  addQueue(name: string, changes?: Partial<QueueConfig>): Promise<void>;
  addAgent(id: string, changes?: Partial<AgentConfig>): Promise<void>;
  addTier(tier: TierConfig): Promise<void>;
  /** Event types logged for a call, in order, once `last` is among them (polls the table). */
  eventsOf(callId: string, last: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const fs = await FreeswitchDouble.start({ secondsToMs: 10, playbackMs: 30 });
  const [pglite] = testBackends({});
  if (pglite === undefined) throw new Error('no PGlite test backend');
  const db = await pglite.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'lineup-e2e-'));
  const started = await startController({
    databaseUrl: db.url(),
    databaseConnections: db.maxConnections,
    dataDir,
    esl: [{ name: 'fs1', host: '127.0.0.1', port: fs.inboundPort, password: 'ClueCon' }],
    outboundListen: { host: '127.0.0.1', port: 0 },
    apiListen: { host: '127.0.0.1', port: 0 },
    apiToken: 'test-token',
    pauseReasons: null,
    logger: silentLogger,
  });
  if (!started.ok) throw new Error(started.message);
  const controller = started.controller;
  const stores = configStores(controller.database.db);
  const check = async <T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<void> => {
    const settled = await result;
    if (!settled.ok) throw new Error(settled.error.message);
  };
  return {
    fs,
    controller,
    db,
    addQueue: (name, changes = {}) => check(stores.queues.insert({ ...defaultQueueConfig(name), ...changes })),
    addAgent: (id, changes = {}) => check(stores.agents.insert({ ...defaultAgentConfig(id, `user/${id}@default`), ...changes })),
    addTier: (tier) => check(stores.tiers.insert(tier)),
    async eventsOf(callId, last) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const rows = await controller.database.db.selectFrom('queueEvents').select(['event']).where('callId', '=', callId).orderBy('id').execute();
        const events = rows.map((row) => row.event);
        if (events.includes(last as never) || Date.now() > deadline) return events;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      await controller.stop();
      await fs.stop();
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
