// Dispatch benchmark (not a test): the real controller over TCP against the FreeSWITCH double, with
// 1,000 agents in 200 queues and 500 waiting callers. The double runs in its own process
// (scripts/bench-dispatch-double.ts). Both processes read CLOCK_MONOTONIC, so each latency runs from
// the double emitting the event the controller reacts to, to the `bgapi originate` for it:
//   agent free  — from the first CHANNEL_HANGUP_COMPLETE of a call the agent's phone hung up;
//   caller in   — from the caller's dial (the double opens the outbound socket), and from the caller's
//                 CHANNEL_ANSWER, with a free agent waiting;
// to the originate leaving the controller's socket (its write, see OriginateTap: no change to the
// controller), and to it reaching the double, which adds the double's own reaction time.
// Layout: queues 0-99 are busy (their 500 agents are all on calls, 500 callers wait there);
// queues 100-199 are idle (their 500 agents are free, nobody waits). Every agent is tiered into its
// home queue and its pair (0-1, 2-3, ...), so both halves stay apart.
// The controller logs at --log-level (default info, production's) to a file in its data directory.
// Database: embedded PGlite, or the server at LINEUP_BENCH_DATABASE_URL (a database is created
// there and dropped afterwards).
// Run: scripts/bench-dispatch [--samples N] [--log-level L] (default 1000 per path, info)
import { fork } from 'node:child_process';
import { Socket } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import postgres from 'postgres';
import { configStores } from '../src/api/config-store.js';
import { startController, type RunningController } from '../src/controller/controller.js';
import { defaultAgentConfig, defaultQueueConfig } from '../src/engine/index.js';
import type { DoubleMessage, DoubleRequest, DoubleValue, Envelope } from './bench-dispatch-double.js';
import { monotonicUs } from './monotonic-clock.js';

const { values: options } = parseArgs({
  options: { samples: { type: 'string', default: '1000' }, 'log-level': { type: 'string', default: 'info' } },
});
const SAMPLES = Number(options.samples);
const LOG_LEVEL = options['log-level'];
const WARMUP = 50;
const LOGIN_BATCH = 25;
const QUEUES = 200;
const AGENTS = 1_000;
const WAITING = 500;
const BUSY_QUEUES = QUEUES / 2;
const AGENTS_PER_QUEUE = AGENTS / QUEUES;

const queueName = (q: number): string => `q${q}`;
const agentId = (a: number): string => `a${a}`;
const homeQueue = (a: number): number => Math.floor(a / AGENTS_PER_QUEUE);

/** The double's process, asked one request at a time. */
class DoubleProcess {
  readonly #child = fork(new URL('./bench-dispatch-double.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  readonly #pending = new Map<number, { resolve: (value: DoubleValue) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  readonly inboundPort: Promise<number>;

  constructor() {
    this.inboundPort = new Promise((resolve, reject) => {
      this.#child.once('exit', (code) => reject(new Error(`bench: the double's process exited (${code})`)));
      this.#child.on('message', (message: DoubleMessage) => {
        if (message.kind === 'ready') return resolve(message.inboundPort);
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.ok) pending?.resolve(message.value);
        else pending?.reject(new Error(message.message));
      });
    });
  }

  ask(request: DoubleRequest): Promise<DoubleValue> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const envelope: Envelope = { id, request };
      this.#child.send(envelope);
    });
  }

  kill(): void {
    this.#child.kill();
  }
}

/**
 * When each `bgapi originate` left this process, by agent and by caller. esl-lite makes its socket with
 * `new Socket()`, which no diagnostics channel reports, so Socket.prototype.write is wrapped: one 16-byte
 * comparison per write, the time taken once the write call returns.
 */
class OriginateTap {
  readonly sentAt = new Map<string, number>(); // agent:<id>, call:<uuid> → µs
  static readonly #VARIABLES = /(?:^|[{,])(lineup_agent|lineup_call_id)=([^,}]*)/g;
  static readonly #PREFIX = 'bgapi originate ';

  constructor() {
    const write = Socket.prototype.write as (this: Socket, ...args: unknown[]) => boolean;
    const tap = this;
    Socket.prototype.write = function (this: Socket, ...args: unknown[]): boolean {
      const flushed = write.apply(this, args);
      const chunk = args[0];
      if (chunk instanceof Uint8Array && Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(16, chunk.length)).toString('latin1') === OriginateTap.#PREFIX) {
        tap.#record(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1'), monotonicUs());
      }
      return flushed;
    } as Socket['write'];
  }

  #record(line: string, at: number): void {
    for (const [, name, value] of line.matchAll(OriginateTap.#VARIABLES)) {
      this.sentAt.set(`${name === 'lineup_agent' ? 'agent' : 'call'}:${value ?? ''}`, at);
    }
  }
}

interface BenchDatabase {
  /** Absent: the controller opens its embedded PGlite in its data directory, as `lineup serve` does. */
  readonly url: string | undefined;
  readonly connections: number | undefined;
  readonly name: string;
  stop(): Promise<void>;
}

async function startDatabase(): Promise<BenchDatabase> {
  const server = process.env['LINEUP_BENCH_DATABASE_URL'];
  if (server === undefined || server === '') {
    return { url: undefined, connections: undefined, name: 'embedded PGlite', stop: async () => {} };
  }
  const name = `lineup_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    connections: 10,
    name: `Postgres ${url.host}`,
    async stop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(name: string, samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number): string => `${ms.toFixed(3)} ms`;
  return `${name.padEnd(38)} n=${sorted.length}  p50 ${fmt(percentile(sorted, 50))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? Number.NaN)}`;
}

async function main(): Promise<void> {
  const tap = new OriginateTap();
  const double = new DoubleProcess();
  const inboundPort = await double.inboundPort;
  const db = await startDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'lineup-bench-'));
  const logger = pino({ name: 'lineup', level: LOG_LEVEL }, pino.destination({ dest: join(dataDir, 'controller.log'), sync: true }));
  const started = await startController({
    databaseUrl: db.url,
    ...(db.connections === undefined ? {} : { databaseConnections: db.connections }),
    dataDir,
    esl: [{ name: 'fs1', host: '127.0.0.1', port: inboundPort, password: 'ClueCon' }],
    outboundListen: { host: '127.0.0.1', port: 0 },
    apiListen: { host: '127.0.0.1', port: 0 },
    apiToken: 'bench',
    pauseReasons: null,
    logger,
  });
  if (!started.ok) throw new Error(started.message);
  const controller = started.controller;
  try {
    await configure(controller);
    const result = await measure(double, controller, tap);
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`bench-dispatch: ${AGENTS} agents, ${QUEUES} queues, ${WAITING} waiting callers; ${db.name}; log level ${LOG_LEVEL}; ${availableParallelism()} cores, load ${load}, node ${process.version}`);
    for (const [name, samples] of Object.entries(result)) console.log(summary(name, samples));
  } finally {
    // Bounded: with 1,000 open sockets the shutdown has been seen to hang; the figures are out by then.
    const stopped = (async () => {
      await double.ask({ op: 'stop' });
      await controller.stop();
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    })();
    const timer = setTimeout(() => {
      console.error('bench-dispatch: shutdown did not finish within 15 s; exiting');
      double.kill();
      process.exit(0);
    }, 15_000);
    await stopped;
    clearTimeout(timer);
  }
}

async function configure(controller: RunningController): Promise<void> {
  const stores = configStores(controller.database.db);
  const check = <T>(settled: { ok: true; value: T } | { ok: false; error: { message: string } }): void => {
    if (!settled.ok) throw new Error(settled.error.message);
  };
  for (let q = 0; q < QUEUES; q++) check(await stores.queues.insert({ ...defaultQueueConfig(queueName(q)), strategy: 'longest-idle-agent' }));
  for (let a = 0; a < AGENTS; a++) {
    check(await stores.agents.insert(defaultAgentConfig(agentId(a), `user/${agentId(a)}@default`)));
    const home = homeQueue(a);
    check(await stores.tiers.insert({ queue: queueName(home), agentId: agentId(a), level: 1, position: a % AGENTS_PER_QUEUE }));
    check(await stores.tiers.insert({ queue: queueName(home ^ 1), agentId: agentId(a), level: 2, position: a % AGENTS_PER_QUEUE }));
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const row = await controller.database.db
      .selectFrom('queueEvents')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('event', '=', 'ADDMEMBER')
      .executeTakeFirstOrThrow();
    if (Number(row.n) >= AGENTS * 2) return;
    if (Date.now() > deadline) throw new Error(`configuration not loaded: ${row.n} tiers`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measure(double: DoubleProcess, controller: RunningController, tap: OriginateTap) {
  const port = controller.outboundPort;
  const host = controller.host;
  const waitingCount = (): number => host.snapshot().members.filter((m) => m.state === 'waiting').length;
  const settle = async (wanted: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!wanted()) {
      if (Date.now() > deadline) {
        const states = host.snapshot().members.map((m) => m.state);
        throw new Error(`bench: ${what} not reached (callers: ${['waiting', 'ringing', 'connected'].map((st) => `${states.filter((x) => x === st).length} ${st}`).join(', ')})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const dial = (queue: string, callerIdNumber: string): Promise<DoubleValue> => double.ask({ op: 'dial', port, queue, callerIdNumber });

  // The busy half: 500 agents on calls, then 500 callers waiting.
  const busyAgents = Array.from({ length: AGENTS / 2 }, (_, a) => agentId(a));
  for (let c = 0; c < busyAgents.length; c++) await dial(queueName(c % BUSY_QUEUES), `1${c}`);
  // In batches: a burst of 1,000 commands on one event socket makes the last ones wait past their timeout.
  for (let start = 0; start < busyAgents.length; start += LOGIN_BATCH) {
    const batch = busyAgents.slice(start, start + LOGIN_BATCH);
    await double.ask({ op: 'watch-bridges', agents: batch });
    for (const id of batch) host.submit({ kind: 'agent-status-set', agentId: id, status: 'Available', source: 'bench' });
    await double.ask({ op: 'await-bridges' });
  }

  for (let c = 0; c < WAITING; c++) await dial(queueName(c % BUSY_QUEUES), `2${c}`);
  await settle(() => waitingCount() === WAITING, `${WAITING} waiting callers`);
  // The idle half: 500 free agents.
  for (let a = AGENTS / 2; a < AGENTS; a++) host.submit({ kind: 'agent-status-set', agentId: agentId(a), status: 'Available', source: 'bench' });
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the live-state writer catch up

  const ms = (fromUs: number, toUs: number | undefined): number => ((toUs ?? Number.NaN) - fromUs) / 1000;
  const result = {
    'agent free -> originate sent': [] as number[],
    'agent free -> originate at double': [] as number[],
    'caller answer -> originate sent': [] as number[],
    'caller answer -> originate at double': [] as number[],
    'caller dial -> originate sent': [] as number[],
  };
  // Nothing polls the controller from here on: every wait is on the double's side of the wire.
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    // Agent free: hang up one busy agent; it takes the next waiting caller; a new caller replaces that one.
    const agent = busyAgents[(i * 7) % busyAgents.length] ?? '';
    const freed = await double.ask({ op: 'agent-free', agent });
    if (i >= WARMUP && freed !== null && 'freedAtUs' in freed) {
      result['agent free -> originate sent'].push(ms(freed.freedAtUs, tap.sentAt.get(`agent:${agent}`)));
      result['agent free -> originate at double'].push(ms(freed.freedAtUs, freed.receivedAtUs));
    }
    await dial(queueName(i % BUSY_QUEUES), `3${i}`);

    // Caller in: a caller dials an idle queue whose agents are free.
    const uuid = randomUUID();
    const entered = await double.ask({ op: 'caller-in', port, uuid, queue: queueName(BUSY_QUEUES + (i % BUSY_QUEUES)), callerIdNumber: `4${i}` });
    if (i >= WARMUP && entered !== null && 'answeredAtUs' in entered) {
      const sent = tap.sentAt.get(`call:${uuid}`);
      result['caller answer -> originate sent'].push(ms(entered.answeredAtUs, sent));
      result['caller answer -> originate at double'].push(ms(entered.answeredAtUs, entered.receivedAtUs));
      result['caller dial -> originate sent'].push(ms(entered.dialedAtUs, sent));
    }
    await double.ask({ op: 'await-connected', uuid });
    await double.ask({ op: 'hangup-caller', uuid });
  }
  // The layout held throughout: as many callers wait as at the start.
  await settle(() => waitingCount() === WAITING, `${WAITING} waiting callers at the end`);
  return result;
}

await main();
