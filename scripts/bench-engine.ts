// Engine benchmark (not a test): decision latency per input on a large state, and the wall time
// and peak RSS of simulating 1,000,000 calls. Run: scripts/bench-engine [--inputs N] [--calls N] [--part simulation|latency]
// Without --part it runs each part in its own child process, so each peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Engine, defaultQueueConfig, type Command, type Input, type InputKind } from '../src/engine/index.js';
import { createRandom, type Random } from '../src/sim/prng.js';
import { scenarioAgent, type Scenario } from '../src/sim/scenario.js';
import { simulate } from '../src/sim/simulator.js';

const { values: options } = parseArgs({
  options: {
    part: { type: 'string' },
    inputs: { type: 'string', default: '300000' },
    calls: { type: 'string', default: '1000000' },
  },
});

const AGENTS = 10_000;
const QUEUES = 1_000;
const TIERS_PER_AGENT = 5;
const WAITING = 10_000;

function rssMiB(): number {
  // maxRSS is in KiB.
  return process.resourceUsage().maxRSS / 1024;
}

// ---------------------------------------------------------------- latency on the large state

/** Drives the engine and times every handle() call, by input kind. */
class TimedEngine {
  readonly engine = new Engine({ seed: 1 });
  readonly samples = new Map<InputKind, number[]>();
  now = Date.UTC(2026, 0, 1);
  measuring = false;
  /** Rings not yet answered, oldest first. */
  readonly rings: Extract<Command, { kind: 'ring' }>[] = [];
  readonly connected = new Map<string, string>(); // callId -> agentId
  readonly waiting = new Set<string>();
  callSeq = 0;

  handle(input: Input): void {
    const start = process.hrtime.bigint();
    const outcome = this.engine.handle(input, this.now);
    const elapsed = Number(process.hrtime.bigint() - start);
    if (outcome.error !== null) throw new Error(`${input.kind}: ${outcome.error.code} ${outcome.error.message}`);
    if (this.measuring) {
      let list = this.samples.get(input.kind);
      if (list === undefined) this.samples.set(input.kind, (list = []));
      list.push(elapsed);
    }
    for (const command of outcome.commands) {
      if (command.kind === 'ring') this.rings.push(command);
      else if (command.kind === 'cancel-ring') {
        const index = this.rings.findIndex((ring) => ring.offerId === command.offerId);
        if (index >= 0) this.rings.splice(index, 1);
      } else if (command.kind === 'bridge') {
        this.connected.set(command.callId, command.agentId);
        this.waiting.delete(command.callId);
      }
    }
    for (const event of outcome.events) {
      if (event.type === 'ABANDON' && event.callId !== null) this.waiting.delete(event.callId);
    }
  }

  /** Fires the engine's timers that are due. */
  tick(advanceMs: number): void {
    this.now += advanceMs;
    for (let deadline = this.engine.nextDeadline(); deadline !== null && deadline <= this.now; deadline = this.engine.nextDeadline()) {
      this.handle({ kind: 'timer' });
    }
  }

  /** A caller joins a random queue, unless WAITING are already waiting. */
  enter(random: Random): void {
    if (this.waiting.size >= WAITING) return;
    const callId = `c${this.callSeq++}`;
    this.waiting.add(callId);
    const queue = `q${Math.floor(random.next() * QUEUES)}`;
    this.handle({ kind: 'caller-entered', callId, queue, callerIdNumber: callId, callerIdName: callId });
  }

  /** Answers (or, with probability `failure`, fails) every ring outstanding. */
  answerRings(random: Random, failure: number): void {
    while (this.rings.length > 0) {
      const ring = this.rings.shift() as Extract<Command, { kind: 'ring' }>;
      if (random.next() < failure) this.handle({ kind: 'offer-failed', offerId: ring.offerId, cause: 'NO_ANSWER' });
      else this.handle({ kind: 'offer-answered', offerId: ring.offerId });
    }
  }

  randomConnected(random: Random): [string, string] {
    // Map iteration from a random offset would be O(n); the oldest connected calls are as good a pick.
    const skip = Math.floor(random.next() * 16);
    let i = 0;
    for (const entry of this.connected) if (i++ >= skip) return entry;
    throw new Error('no connected call');
  }
}

function buildLargeState(bench: TimedEngine, random: Random): void {
  for (let q = 0; q < QUEUES; q++) {
    bench.handle({ kind: 'queue-upserted', queue: { ...defaultQueueConfig(`q${q}`), wrapUpSeconds: 2 } });
  }
  for (let a = 0; a < AGENTS; a++) {
    bench.handle({ kind: 'agent-upserted', agent: scenarioAgent(`a${a}`), restoreStatus: 'Available' });
    const queues = new Set<number>();
    while (queues.size < TIERS_PER_AGENT) queues.add(Math.floor(random.next() * QUEUES));
    let position = 1;
    for (const q of queues) bench.handle({ kind: 'tier-upserted', tier: { queue: `q${q}`, agentId: `a${a}`, level: 1, position: position++ } });
  }
  // Callers until every agent is on a call, then more until WAITING callers queue.
  while (bench.connected.size < AGENTS) {
    bench.enter(random);
    bench.answerRings(random, 0);
  }
  while (bench.waiting.size < WAITING) bench.enter(random);
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function runLatency(inputs: number): void {
  const random = createRandom(7);
  const bench = new TimedEngine();
  const buildStart = performance.now();
  buildLargeState(bench, random);
  const buildSeconds = (performance.now() - buildStart) / 1000;
  console.log(
    `state: ${AGENTS} agents, ${QUEUES} queues, ${TIERS_PER_AGENT} tiers per agent, ${bench.connected.size} connected, ` +
      `${bench.waiting.size} waiting (built in ${buildSeconds.toFixed(1)} s, RSS ${rssMiB().toFixed(0)} MiB)`,
  );

  // One cycle keeps the state steady: a call ends (the agent wraps up 2 s, then a timer offers it
  // the next caller), a caller joins; a caller hangs up and another joins; an agent on a call goes
  // On Break, ends its call, comes back Available and is offered a caller; 10 % of rings fail.
  const cycle = (): void => {
    bench.tick(5);
    const [callId] = bench.randomConnected(random);
    bench.connected.delete(callId);
    bench.handle({ kind: 'call-ended', callId, by: random.next() < 0.5 ? 'agent' : 'caller' });
    bench.enter(random);
    bench.answerRings(random, 0.1);

    const leaving = bench.waiting.values().next().value;
    if (leaving !== undefined) bench.handle({ kind: 'caller-left', callId: leaving });
    bench.enter(random);

    const [breakCall, agentId] = bench.randomConnected(random);
    bench.handle({ kind: 'agent-status-set', agentId, status: 'On Break', reason: 'bench' });
    bench.connected.delete(breakCall);
    bench.handle({ kind: 'call-ended', callId: breakCall, by: 'agent' });
    bench.handle({ kind: 'agent-status-set', agentId, status: 'Available' });
    bench.enter(random);
    bench.answerRings(random, 0.1);
  };

  // Warm-up: let the JIT settle and the wrap-up timers reach a steady flow.
  const countSamples = (): number => [...bench.samples.values()].reduce((sum, list) => sum + list.length, 0);
  for (let i = 0; i < 5_000; i++) cycle();
  bench.measuring = true;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  while (countSamples() < inputs) for (let i = 0; i < 1_000; i++) cycle();
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);

  const all = Float64Array.from([...bench.samples.values()].flat()).sort();
  const totalNs = all.reduce((sum, ns) => sum + ns, 0);
  console.log(
    `after: ${bench.connected.size} connected, ${bench.waiting.size} waiting, ${bench.rings.length} ringing; RSS peak ${rssMiB().toFixed(0)} MiB`,
  );
  console.log(
    `measured inputs: ${all.length} in ${wallSeconds.toFixed(2)} s of wall time (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`,
  );
  console.log(
    `all inputs: p50 ${(percentile(all, 0.5) / 1000).toFixed(1)} µs, p99 ${(percentile(all, 0.99) / 1000).toFixed(1)} µs, ` +
      `max ${((all[all.length - 1] ?? 0) / 1000).toFixed(0)} µs; ${(all.length / (totalNs / 1e9)).toFixed(0)} inputs/s inside handle(), ` +
      `${(all.length / wallSeconds).toFixed(0)} inputs/s wall (with the driver)`,
  );
  console.log('input kind            count     p50 µs   p99 µs   max µs');
  for (const [kind, list] of [...bench.samples].sort((a, b) => b[1].length - a[1].length)) {
    const sorted = Float64Array.from(list).sort();
    console.log(
      `${kind.padEnd(20)} ${String(sorted.length).padStart(7)} ${(percentile(sorted, 0.5) / 1000).toFixed(1).padStart(10)} ` +
        `${(percentile(sorted, 0.99) / 1000).toFixed(1).padStart(8)} ${((sorted[sorted.length - 1] ?? 0) / 1000).toFixed(0).padStart(8)}`,
    );
  }
}

// ---------------------------------------------------------------- 1,000,000 simulated calls

/** A moderate centre at about 85 % occupancy: 200 agents, 40 queues, 5 queues per agent. */
function moderateScenario(calls: number): Scenario {
  const queueCount = 40;
  const agentCount = 200;
  const random = createRandom(3);
  const queues = Array.from({ length: queueCount }, (_, q) => ({ ...defaultQueueConfig(`q${q}`), wrapUpSeconds: 10 }));
  const agents = Array.from({ length: agentCount }, (_, a) => scenarioAgent(`a${a}`));
  const tiers = agents.flatMap((agent) => {
    const picked = new Set<number>();
    while (picked.size < TIERS_PER_AGENT) picked.add(Math.floor(random.next() * queueCount));
    return [...picked].map((q, i) => ({ queue: `q${q}`, agentId: agent.id, level: 1, position: i + 1 }));
  });
  // Busy time per call ≈ 2 s ring + 180 s talk + 10 s wrap-up.
  const callsPerHour = (0.85 * agentCount * 3600) / 192 / queueCount;
  return {
    queues,
    agents,
    tiers,
    arrivals: queues.map((queue) => ({
      queue: queue.name,
      callsPerHour,
      handleTime: { kind: 'exponential', meanSeconds: 180 },
      patience: { kind: 'exponential', meanSeconds: 180 },
    })),
    ringDelay: { kind: 'uniform', minSeconds: 1, maxSeconds: 3 },
    noAnswerProbability: 0.05,
    calls,
    seed: 1,
    slThresholdSeconds: 20,
  };
}

function runSimulation(calls: number): void {
  const scenario = moderateScenario(calls);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = simulate(scenario);
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  if (!result.ok) throw new Error(result.message);
  const report = result.report;
  console.log(
    `simulated ${calls} calls (${scenario.agents.length} agents, ${scenario.queues.length} queues, ${TIERS_PER_AGENT} tiers per agent, ` +
      `ring 1-3 s, 5 % no-answer, wrap-up 10 s, patience 180 s): wall ${wallSeconds.toFixed(2)} s ` +
      `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), peak RSS ${rssMiB().toFixed(0)} MiB, ` +
      `${report.engineInputs} engine inputs (${(report.engineInputs / wallSeconds).toFixed(0)}/s)`,
  );
  const percent = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)} %`);
  console.log(
    `  answered ${report.answered}, abandoned ${report.abandoned}, SL(20) ${percent(report.serviceLevel)}, ` +
      `ASA ${report.asaSeconds?.toFixed(1)} s, occupancy ${percent(report.occupancy)}, simulated ${(report.simulatedSeconds / 86400).toFixed(1)} days`,
  );
}

// ---------------------------------------------------------------- entry

const part = options.part;
if (part === 'latency') runLatency(Number(options.inputs));
else if (part === 'simulation') runSimulation(Number(options.calls));
else if (part === undefined) {
  // Latency percentiles are wall-clock: other processes competing for the cores show in the p99.
  const load = loadavg().map((value) => value.toFixed(1)).join(' ');
  console.log(`node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} cores, load average ${load}`);
  for (const name of ['latency', 'simulation']) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--part', name, '--inputs', String(options.inputs), '--calls', String(options.calls)],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
} else {
  console.error(`--part: ${JSON.stringify(part)} is not a part; allowed: latency, simulation`);
  process.exit(2);
}
