// A controller wired to the FreeSWITCH double and a fresh database, for end-to-end tests through
// the wire. Configuration goes in through the same tables the CLI writes; every wait is bounded.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configStores } from '../../src/api/config-store.js';
import { startController, type RunningController } from '../../src/controller/controller.js';
import {
  defaultAgentConfig,
  defaultQueueConfig,
  type AgentConfig,
  type AgentStatus,
  type EventType,
  type EventValue,
  type QueueConfig,
  type TierConfig,
} from '../../src/engine/index.js';
import { pino } from 'pino';
import { FreeswitchDouble, type CallerHandle, type DialOptions, type DoubleOptions } from '../double/index.js';
import { testBackends, type TestServer } from '../support/databases.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const WAIT_MS = 5_000;
const POLL_MS = 25;

export interface EventRow {
  readonly event: EventType;
  readonly agentId: string | null;
  readonly queue: string | null;
  readonly data: Readonly<Record<string, EventValue>>;
}

/** One `bgapi originate` the controller sent: which agent, for which call, on which leg uuid. */
export interface SentOriginate {
  readonly callId: string;
  readonly agentId: string;
  readonly contact: string;
  readonly legUuid: string;
  readonly timeoutSeconds: number;
}

/** A caller and the commands the controller sent on its outbound socket. */
export interface DialedCall extends CallerHandle {
  /** First lines of the commands received on this caller's socket, in order. */
  socketCommands(): string[];
}

export interface ConnectedCall {
  readonly caller: DialedCall;
  readonly agentId: string;
  readonly agentLeg: string;
}

/** One line the controller logged (pino's JSON: level, msg and the structured fields). */
export type LogRecord = Readonly<Record<string, unknown>> & { readonly level: number; readonly msg: string };

export interface StackOptions {
  readonly double?: DoubleOptions;
  /** Put a proxy that can inject raw bytes between the controller and the double's inbound port. */
  readonly injector?: boolean;
}

export interface Stack {
  readonly fs: FreeswitchDouble;
  readonly controller: RunningController;
  readonly db: TestServer;
  /** Present with `injector: true`. */
  readonly injector: TcpProxy | undefined;
  /** Everything the controller logged at info and above, in order. */
  readonly logs: readonly LogRecord[];
  /** Waits for a log line (already written or future) that matches. */
  waitForLog(match: (record: LogRecord) => boolean, description: string): Promise<LogRecord>;
  addQueue(name: string, changes?: Partial<QueueConfig>): Promise<void>;
  addAgent(id: string, changes?: Partial<AgentConfig>): Promise<void>;
  addTier(tier: TierConfig): Promise<void>;
  updateQueue(name: string, changes: Partial<QueueConfig>): Promise<void>;
  /** Waits until the engine knows these queues, agents and tiers (the config poll runs every 500 ms). */
  configured(expect: { queues?: readonly string[]; agents?: readonly string[]; tiers?: readonly TierConfig[] }): Promise<void>;
  /** Sets a status as the API would; throws on an engine error. */
  setStatus(agentId: string, status: AgentStatus): void;
  /** Event types logged for a call, in order, once `last` is among them (polls the table). */
  eventsOf(callId: string, last: string): Promise<string[]>;
  /** Full rows of a call (or of an agent with callId null) once `last` is among them. */
  rowsOf(key: { callId: string } | { agentId: string }, last: EventType): Promise<EventRow[]>;
  /** The agent_live row once `match` holds (throws with the last row seen after the deadline). */
  agentLive(agentId: string, match: (row: { status: string; state: string; callId: string | null }) => boolean): Promise<{ status: string; state: string; callId: string | null }>;
  /** caller_live rows of a queue once `match` holds. */
  callersLive(queue: string, match: (rows: readonly { callId: string; state: string }[]) => boolean): Promise<readonly { callId: string; state: string }[]>;
  /** Every originate sent for a call so far. */
  originates(callId: string): SentOriginate[];
  /** Waits until `count` originates were sent for the call. */
  waitForOriginates(callId: string, count: number): Promise<SentOriginate[]>;
  /** Dials into the controller (one dial at a time: the socket is the next one the double opens). */
  dial(options: Omit<DialOptions, 'port'>): Promise<DialedCall>;
  /** Dials into a queue and waits until an agent is bridged: the caller, the agent and its leg. */
  connectCall(queue: string, callerIdNumber?: string): Promise<ConnectedCall>;
  stop(): Promise<void>;
}

/** Polls `read` until `done` holds or the deadline passes; then returns the last value read. */
export async function pollUntil<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const ORIGINATE = /^bgapi originate \{([^}]*)\}(\S+) /;

function parseOriginate(line: string): SentOriginate | undefined {
  const match = ORIGINATE.exec(line);
  if (match === null) return undefined;
  const variables = new Map((match[1] ?? '').split(/(?<!\\),/).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const));
  return {
    callId: variables.get('lineup_call_id') ?? '',
    agentId: variables.get('lineup_agent') ?? '',
    contact: match[2] ?? '',
    legUuid: variables.get('origination_uuid') ?? '',
    timeoutSeconds: Number(variables.get('originate_timeout')),
  };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const fs = await FreeswitchDouble.start({ secondsToMs: 10, playbackMs: 30, ...options.double });
  const injector = options.injector === true ? await startTcpProxy({ host: '127.0.0.1', port: fs.inboundPort }) : undefined;
  const [pglite] = testBackends({});
  if (pglite === undefined) throw new Error('no PGlite test backend');
  const db = await pglite.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'lineup-e2e-'));
  const logs: LogRecord[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogRecord) });
  const started = await startController({
    databaseUrl: db.url(),
    databaseConnections: db.maxConnections,
    dataDir,
    esl: [{ name: 'fs1', host: '127.0.0.1', port: injector?.port ?? fs.inboundPort, password: 'ClueCon' }],
    outboundListen: { host: '127.0.0.1', port: 0 },
    apiListen: { host: '127.0.0.1', port: 0 },
    apiToken: 'test-token',
    pauseReasons: null,
    logger,
  });
  if (!started.ok) throw new Error(started.message);
  const controller = started.controller;
  const database = controller.database.db;
  const stores = configStores(database);
  const check = async <T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<void> => {
    const settled = await result;
    if (!settled.ok) throw new Error(settled.error.message);
  };
  const originates = (callId: string): SentOriginate[] =>
    fs.commands('inbound').flatMap((record) => {
      const sent = parseOriginate(record.command.line);
      return sent !== undefined && sent.callId === callId ? [sent] : [];
    });
  const readRows = async (key: { callId: string } | { agentId: string }): Promise<EventRow[]> => {
    const query = database.selectFrom('queueEvents').select(['event', 'agentId', 'queue', 'data']).orderBy('id');
    return 'callId' in key ? query.where('callId', '=', key.callId).execute() : query.where('agentId', '=', key.agentId).where('callId', 'is', null).execute();
  };
  const readAgent = async (agentId: string) =>
    database.selectFrom('agentLive').select(['status', 'state', 'callId']).where('agentId', '=', agentId).executeTakeFirst();
  const dial = async (dialOptions: Omit<DialOptions, 'port'>): Promise<DialedCall> => {
    const from = fs.log.entries.length;
    const caller = await fs.dial({ port: controller.outboundPort, ...dialOptions });
    const opened = fs.log.entries.slice(from).find((e) => e.kind === 'connection' && e.side === 'outbound' && e.change === 'opened');
    if (opened?.kind !== 'connection') throw new Error(`no outbound connection logged for caller ${caller.uuid}`);
    const socketCommands = (): string[] => fs.commands('outbound').flatMap((c) => (c.connection === opened.connection ? [c.command.line] : []));
    return { ...caller, socketCommands };
  };
  return {
    fs,
    controller,
    dial,
    db,
    injector,
    logs,
    async waitForLog(match, description) {
      const found = await pollUntil(() => logs.find(match), (record) => record !== undefined);
      if (found === undefined) throw new Error(`no log line ${description} within ${WAIT_MS} ms`);
      return found;
    },
    addQueue: (name, changes = {}) => check(stores.queues.insert({ ...defaultQueueConfig(name), ...changes })),
    addAgent: (id, changes = {}) => check(stores.agents.insert({ ...defaultAgentConfig(id, `user/${id}@default`), ...changes })),
    addTier: (tier) => check(stores.tiers.insert(tier)),
    async updateQueue(name, changes) {
      const listed = await stores.queues.list();
      if (!listed.ok) throw new Error(listed.error.message);
      const queue = listed.value.find((q) => q.name === name);
      if (queue === undefined) throw new Error(`no queue ${name}`);
      await check(stores.queues.update({ ...queue, ...changes }));
    },
    async configured(expect) {
      const ready = await pollUntil(
        async () => {
          const snapshot = controller.host.snapshot();
          const added = await database.selectFrom('queueEvents').select(['queue', 'agentId']).where('event', '=', 'ADDMEMBER').execute();
          return (
            (expect.queues ?? []).every((name) => snapshot.queues.some((q) => q.name === name)) &&
            (expect.agents ?? []).every((id) => snapshot.agents.some((a) => a.id === id)) &&
            (expect.tiers ?? []).every((tier) => added.some((row) => row.queue === tier.queue && row.agentId === tier.agentId))
          );
        },
        (done) => done,
      );
      if (!ready) throw new Error(`the controller did not load ${JSON.stringify(expect)} within ${WAIT_MS} ms`);
    },
    setStatus(agentId, status) {
      const error = controller.host.submit({ kind: 'agent-status-set', agentId, status, source: 'test' }).error;
      if (error !== null) throw new Error(`${agentId} → ${status}: ${error.message}`);
    },
    async eventsOf(callId, last) {
      const rows = await pollUntil(() => readRows({ callId }), (found) => found.some((row) => row.event === last));
      return rows.map((row) => row.event);
    },
    rowsOf: (key, last) => pollUntil(() => readRows(key), (found) => found.some((row) => row.event === last)),
    async agentLive(agentId, match) {
      const row = await pollUntil(() => readAgent(agentId), (found) => found !== undefined && match(found));
      if (row === undefined || !match(row)) throw new Error(`agent_live ${agentId}: ${JSON.stringify(row ?? null)} after ${WAIT_MS} ms`);
      return row;
    },
    async callersLive(queue, match) {
      const rows = await pollUntil(() => database.selectFrom('callerLive').select(['callId', 'state']).where('queue', '=', queue).execute(), match);
      if (!match(rows)) throw new Error(`caller_live ${queue}: ${JSON.stringify(rows)} after ${WAIT_MS} ms`);
      return rows;
    },
    originates,
    async waitForOriginates(callId, count) {
      const sent = await pollUntil(() => originates(callId), (found) => found.length >= count);
      if (sent.length < count) throw new Error(`${sent.length} originate(s) for ${callId}, expected ${count}: ${JSON.stringify(sent)}`);
      return sent;
    },
    async connectCall(queue, callerIdNumber) {
      const caller = await dial({ queue, ...(callerIdNumber === undefined ? {} : { callerIdNumber }) });
      const bridge = await fs.waitForEvent('CHANNEL_BRIDGE', (e) => e.get('Bridge-A-Unique-ID') === caller.uuid, WAIT_MS);
      const agentLeg = bridge.get('Bridge-B-Unique-ID') ?? '';
      const offer = originates(caller.uuid).find((sent) => sent.legUuid === agentLeg);
      if (offer === undefined) throw new Error(`caller ${caller.uuid} bridged to ${agentLeg}, which no originate created`);
      return { caller, agentId: offer.agentId, agentLeg };
    },
    async stop() {
      await controller.stop();
      await injector?.close();
      await fs.stop();
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
