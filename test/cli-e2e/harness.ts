// A running controller as an operator has it (embedded database in a data directory, API token
// generated and written to controller.json) wired to the FreeSWITCH double, and the real `lineup`
// binary run against it with only LINEUP_DATA_DIR: the CLI finds the database and the API through
// controller.json, as on a fresh machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { startController, type RunningController } from '../../src/controller/controller.js';
import type { EventType, EventValue } from '../../src/engine/index.js';
import { runCli, type CliRun } from '../cli/run-cli.js';
import { pollUntil } from '../controller/stack.js';
import { FreeswitchDouble, type CallerHandle, type DialOptions } from '../double/index.js';
import { repoRoot } from '../support/paths.js';

export interface EventRow {
  readonly event: EventType;
  readonly callId: string | null;
  readonly queue: string | null;
  readonly agentId: string | null;
  readonly data: Readonly<Record<string, EventValue>>;
}

/** One `bgapi originate` the controller sent: the call offered and the agent's dial string. */
export interface Offer {
  readonly callId: string;
  readonly agentId: string;
  readonly contact: string;
}

export interface CliStack {
  readonly fs: FreeswitchDouble;
  readonly controller: RunningController;
  readonly dataDir: string;
  /** The environment a CLI child gets: only the data directory. */
  readonly env: NodeJS.ProcessEnv;
  cli(...args: string[]): Promise<CliRun>;
  /** Runs the CLI, asserts exit 0 and parses its stdout as JSON. */
  cliJson<T>(...args: string[]): Promise<T>;
  /** Waits until the controller applied the configuration as it is now in the database. */
  configApplied(): Promise<void>;
  /** Dials into the controller's outbound socket. */
  dial(options: Omit<DialOptions, 'port'>): Promise<CallerHandle>;
  /** Offers sent so far for a call (agent legs originated), in order. */
  offers(callId: string): Offer[];
  /** Waits until `count` offers were sent for the call. */
  waitForOffers(callId: string, count: number): Promise<Offer[]>;
  /** queue_events rows matching, once `done` holds for them (or the last rows read at the deadline). */
  events(where: { callId?: string; agentId?: string }, done: (rows: readonly EventRow[]) => boolean): Promise<EventRow[]>;
  stop(): Promise<void>;
}

const WAIT_MS = 8_000;

export async function ok(run: Promise<CliRun> | CliRun): Promise<CliRun> {
  const done = await run;
  assert.equal(done.code, 0, `lineup exited ${done.code}: ${done.stderr}${done.stdout}`);
  return done;
}

const ORIGINATE = /^bgapi originate \{([^}]*)\}(\S+) /;

function offerOf(line: string): Offer | undefined {
  const match = ORIGINATE.exec(line);
  if (match === null) return undefined;
  const variable = (name: string): string => new RegExp(`(?:^|,)${name}=([^,]*)`).exec(match[1] ?? '')?.[1] ?? '';
  return { callId: variable('lineup_call_id'), agentId: variable('lineup_agent'), contact: match[2] ?? '' };
}

export async function startCliStack(): Promise<CliStack> {
  const fs = await FreeswitchDouble.start({ secondsToMs: 10, playbackMs: 30 });
  const dataDir = await mkdtemp(join(tmpdir(), 'lineup-cli-e2e-'));
  // The config versions the controller applied (from its 'configuration change applied' lines).
  const applied: number[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write: (line: string) => {
        const record = JSON.parse(line) as { msg: string; version?: unknown };
        if (record.msg === 'configuration change applied') applied.push(Number(record.version));
      },
    },
  );
  const started = await startController({
    databaseUrl: undefined,
    dataDir,
    esl: [{ name: 'fs1', host: '127.0.0.1', port: fs.inboundPort, password: 'ClueCon' }],
    outboundListen: { host: '127.0.0.1', port: 0 },
    apiListen: { host: '127.0.0.1', port: 0 },
    apiToken: undefined,
    pauseReasons: null,
    logger,
  });
  if (!started.ok) {
    await fs.stop();
    throw new Error(started.message);
  }
  const controller = started.controller;
  const env = { LINEUP_DATA_DIR: dataDir };
  const offers = (callId: string): Offer[] =>
    fs.commands('inbound').flatMap((record) => {
      const offer = offerOf(record.command.line);
      return offer !== undefined && offer.callId === callId ? [offer] : [];
    });
  const readEvents = (where: { callId?: string; agentId?: string }): Promise<EventRow[]> => {
    let query = controller.database.db.selectFrom('queueEvents').select(['event', 'callId', 'queue', 'agentId', 'data']).orderBy('id');
    if (where.callId !== undefined) query = query.where('callId', '=', where.callId);
    if (where.agentId !== undefined) query = query.where('agentId', '=', where.agentId);
    return query.execute();
  };
  const cli = (...args: string[]): Promise<CliRun> => runCli(args, env);
  const callers: CallerHandle[] = [];
  return {
    fs,
    controller,
    dataDir,
    env,
    cli,
    async cliJson<T>(...args: string[]): Promise<T> {
      return JSON.parse((await ok(cli(...args))).stdout) as T;
    },
    async configApplied() {
      // A poll reads the version before the tables, so a version logged >= the one read here
      // means the tables it applied hold every change committed so far.
      const row = await controller.database.db.selectFrom('configVersion').select('version').executeTakeFirst();
      const version = Number(row?.version ?? 0);
      await eventually(`config version ${version} applied`, async () => Math.max(0, ...applied), (latest) => latest >= version);
    },
    async dial(options) {
      const caller = await fs.dial({ port: controller.outboundPort, ...options });
      callers.push(caller);
      return caller;
    },
    offers,
    async waitForOffers(callId, count) {
      const sent = await pollUntil(() => offers(callId), (found) => found.length >= count, WAIT_MS);
      assert.ok(sent.length >= count, `${sent.length} offer(s) for ${callId}, expected ${count}: ${JSON.stringify(sent)}`);
      return sent;
    },
    events: (where, done) => pollUntil(() => readEvents(where), done, WAIT_MS),
    async stop() {
      // Calls a failed test left up end first: the controller stops with no caller in its engine
      // (a caller still queued at stop keeps its live-state writer retrying on the closed database).
      for (const caller of callers) caller.hangup();
      await pollUntil(() => controller.host.snapshot().members.length, (members) => members === 0, WAIT_MS);
      await controller.stop();
      await fs.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `read` until `done` holds; fails naming `what` with the last value read. */
export async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const value = await pollUntil(read, done, WAIT_MS);
  assert.ok(done(value), `${what}: still ${JSON.stringify(value)} after ${WAIT_MS} ms`);
  return value;
}

const compiled = import.meta.url.includes('/dist/test/');

/** `lineup ARGS` as a long-running child (e.g. `status --watch`), stopped by the caller by pid. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  const entry = compiled ? [join(repoRoot, 'dist', 'src', 'cli', 'main.js')] : ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts')];
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|LINEUP_.*)$/.test(key)));
  return spawn(process.execPath, [...entry, ...args], { cwd: repoRoot, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Reads a child's stdout until `count` lines are complete (or the deadline passes). */
export function readLines(child: ChildProcess, count: number, timeoutMs = 20_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let text = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`${count} line(s) not printed within ${timeoutMs} ms; got ${JSON.stringify(text)}; stderr ${stderr}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const lines = text.split('\n');
      if (lines.length > count) {
        clearTimeout(timer);
        resolve(lines.slice(0, count));
      }
    });
  });
}
