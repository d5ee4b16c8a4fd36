// Dispatch benchmark (not a test): the real controller over TCP against the FreeSWITCH double, with
// 1,000 agents in 200 queues and 500 waiting callers. Two latencies, measured at the double:
//   agent free  — from the agent's phone hanging up (the double fires the leg's hang-up) to the
//                 `bgapi originate` for that agent's next caller arriving at the double's inbound socket;
//   caller in   — from the caller's dial (the double opens the outbound socket) and from the caller's
//                 CHANNEL_ANSWER to the `bgapi originate` for that caller, with a free agent waiting.
// Layout: queues 0-99 are busy (their 500 agents are all on calls, 500 callers wait there);
// queues 100-199 are idle (their 500 agents are free, nobody waits). Every agent is tiered into its
// home queue and its pair (0-1, 2-3, ...), so both halves stay apart.
// Run: scripts/bench-dispatch [--samples N] (default 1000 per path)
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { configStores } from '../src/api/config-store.js';
import { startController, type RunningController } from '../src/controller/controller.js';
import { defaultAgentConfig, defaultQueueConfig } from '../src/engine/index.js';
import { silentLogger } from '../src/log.js';
import { FreeswitchDouble, type LogEntry } from '../test/double/index.js';
import { testBackends } from '../test/support/databases.js';

const { values: options } = parseArgs({ options: { samples: { type: 'string', default: '1000' } } });
const SAMPLES = Number(options.samples);
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

/** Resolvers by key, fed by the double's activity log. */
class Waiters<T> {
  readonly #waiting = new Map<string, (value: T) => void>();
  next(key: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: nothing for ${key} within ${timeoutMs} ms`)), timeoutMs);
      this.#waiting.set(key, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }
  fire(key: string, value: T): void {
    const resolve = this.#waiting.get(key);
    if (resolve === undefined) return;
    this.#waiting.delete(key);
    resolve(value);
  }
}

const ORIGINATE_VARIABLE = /(?:^|[{,])(lineup_agent|lineup_call_id|origination_uuid)=([^,}]*)/g;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(name: string, samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number): string => `${ms.toFixed(3)} ms`;
  return `${name.padEnd(34)} n=${sorted.length}  p50 ${fmt(percentile(sorted, 50))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? Number.NaN)}`;
}

async function main(): Promise<void> {
  const fs = await FreeswitchDouble.start({ secondsToMs: 10, defaultAgentBehaviour: { answerAfterMs: 1 }, waitTimeoutMs: 10_000 });
  const [pglite] = testBackends({});
  if (pglite === undefined) throw new Error('no PGlite backend');
  const db = await pglite.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'lineup-bench-'));
  const started = await startController({
    databaseUrl: db.url(),
    databaseConnections: db.maxConnections,
    dataDir,
    esl: [{ name: 'fs1', host: '127.0.0.1', port: fs.inboundPort, password: 'ClueCon' }],
    outboundListen: { host: '127.0.0.1', port: 0 },
    apiListen: { host: '127.0.0.1', port: 0 },
    apiToken: 'bench',
    pauseReasons: null,
    logger: silentLogger,
  });
  if (!started.ok) throw new Error(started.message);
  const controller = started.controller;
  try {
    await configure(controller);
    const result = await measure(fs, controller);
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`bench-dispatch: ${AGENTS} agents, ${QUEUES} queues, ${WAITING} waiting callers; ${availableParallelism()} cores, load ${load}, node ${process.version}`);
    console.log(summary('agent free -> originate', result.agentFree));
    console.log(summary('caller dial -> originate', result.callerDial));
    console.log(summary('caller answer -> originate', result.callerAnswer));
  } finally {
    // Bounded: with 1,000 open sockets the shutdown has been seen to hang; the figures are out by then.
    const stopped = (async () => {
      await controller.stop();
      await fs.stop();
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    })();
    const timer = setTimeout(() => {
      console.error('bench-dispatch: shutdown did not finish within 15 s; exiting');
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

async function measure(fs: FreeswitchDouble, controller: RunningController) {
  const originateFor = new Waiters<number>(); // keys: agent:<id>, call:<uuid>
  const bridgedAgent = new Waiters<string>(); // agent:<id> → agent leg uuid
  const answeredAt = new Map<string, number>();
  const legAgent = new Map<string, string>();
  const agentLeg = new Map<string, string>();

  // The hook: every command and event the double logs passes here first, timestamped on arrival.
  const add = fs.log.add.bind(fs.log);
  fs.log.add = (entry: LogEntry): void => {
    const now = performance.now();
    if (entry.kind === 'command' && entry.record.side === 'inbound' && entry.record.command.line.startsWith('bgapi originate ')) {
      const variables = new Map([...entry.record.command.line.matchAll(ORIGINATE_VARIABLE)].map((m) => [m[1] ?? '', m[2] ?? '']));
      const agent = variables.get('lineup_agent') ?? '';
      legAgent.set(variables.get('origination_uuid') ?? '', agent);
      originateFor.fire(`agent:${agent}`, now);
      originateFor.fire(`call:${variables.get('lineup_call_id') ?? ''}`, now);
    } else if (entry.kind === 'event' && entry.event.name === 'CHANNEL_ANSWER') {
      answeredAt.set(entry.event.get('Unique-ID') ?? '', now);
    } else if (entry.kind === 'event' && entry.event.name === 'CHANNEL_BRIDGE') {
      const leg = entry.event.get('Bridge-B-Unique-ID') ?? '';
      const agent = legAgent.get(leg);
      if (agent !== undefined) {
        agentLeg.set(agent, leg);
        bridgedAgent.fire(`agent:${agent}`, leg);
      }
    }
    add(entry);
  };

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

  // The busy half: 500 agents on calls, then 500 callers waiting.
  const busyAgents = Array.from({ length: AGENTS / 2 }, (_, a) => agentId(a));
  for (let c = 0; c < busyAgents.length; c++) await fs.dial({ port, queue: queueName(c % BUSY_QUEUES), callerIdNumber: `1${c}` });
  // In batches: a burst of 1,000 commands on one event socket makes the last ones wait past their timeout.
  for (let start = 0; start < busyAgents.length; start += LOGIN_BATCH) {
    const batch = busyAgents.slice(start, start + LOGIN_BATCH);
    const connected = batch.map((id) => bridgedAgent.next(`agent:${id}`));
    for (const id of batch) host.submit({ kind: 'agent-status-set', agentId: id, status: 'Available', source: 'bench' });
    await Promise.all(connected);
  }

  for (let c = 0; c < WAITING; c++) await fs.dial({ port, queue: queueName(c % BUSY_QUEUES), callerIdNumber: `2${c}` });
  await settle(() => waitingCount() === WAITING, `${WAITING} waiting callers`);
  // The idle half: 500 free agents.
  for (let a = AGENTS / 2; a < AGENTS; a++) host.submit({ kind: 'agent-status-set', agentId: agentId(a), status: 'Available', source: 'bench' });
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the live-state writer catch up

  const agentFree: number[] = [];
  const callerDial: number[] = [];
  const callerAnswer: number[] = [];
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    // Agent free: hang up one busy agent; it takes the next waiting caller; a new caller replaces that one.
    const agent = busyAgents[(i * 7) % busyAgents.length] ?? '';
    const leg = agentLeg.get(agent) ?? '';
    const offered = originateFor.next(`agent:${agent}`);
    const bridged = bridgedAgent.next(`agent:${agent}`);
    const hungUpAt = performance.now();
    fs.hangupAgent(leg);
    const originatedAt = await offered;
    await bridged;
    if (i >= WARMUP) agentFree.push(originatedAt - hungUpAt);
    await fs.dial({ port, queue: queueName(i % BUSY_QUEUES), callerIdNumber: `3${i}` });
    await settle(() => waitingCount() === WAITING, 'the waiting callers replenished');

    // Caller in: a caller dials an idle queue whose agents are free.
    const uuid = randomUUID();
    const callerOffered = originateFor.next(`call:${uuid}`);
    const dialedAt = performance.now();
    const caller = await fs.dial({ port, uuid, queue: queueName(BUSY_QUEUES + (i % BUSY_QUEUES)), callerIdNumber: `4${i}` });
    const callerOriginatedAt = await callerOffered;
    if (i >= WARMUP) {
      callerDial.push(callerOriginatedAt - dialedAt);
      callerAnswer.push(callerOriginatedAt - (answeredAt.get(uuid) ?? Number.NaN));
    }
    await settle(() => host.snapshot().members.some((m) => m.callId === uuid && m.state === 'connected'), 'the idle-queue call connected');
    caller.hangup();
    await settle(() => !host.snapshot().members.some((m) => m.callId === uuid), 'the idle-queue call ended');
  }
  return { agentFree, callerDial, callerAnswer };
}

await main();
