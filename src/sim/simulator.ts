// A discrete-event simulation that drives the real engine on a virtual clock: Poisson arrivals
// become caller-entered inputs, the engine's ring commands are answered after the ring delay (or
// not, with the no-answer probability), bridged calls end after their handle time, callers whose
// patience runs out while not yet connected leave, and the engine's timers fire at nextDeadline().
// Wrap-up, ring timeouts, max-wait exits and every dispatch decision are the engine's own.
import { Engine, type Command, type Input, type QueueEvent } from '../engine/index.js';
// The engine's own deadline heap serves as the event calendar: ties come out in scheduling order.
import { TimerHeap } from '../engine/timer-heap.js';
import { draw } from './distributions.js';
import { BusyWindow, CallTally, type CallMetrics, type CallOutcome, type FinishedCall } from './metrics.js';
import { createRandom, type Random } from './prng.js';
import type { Scenario } from './scenario.js';

/** Virtual epoch at which every simulation starts. */
const SIMULATION_START_MS = Date.UTC(2026, 0, 1);

/** After the last scheduled event, engine timers still run this long for callers left waiting. */
const DRAIN_LIMIT_MS = 24 * 3600 * 1000;

export interface QueueReport extends CallMetrics {
  readonly name: string;
}

export interface SimulationReport extends CallMetrics {
  /** Agents' busy (talk + wrap-up) time ÷ (agents × simulated time). */
  readonly occupancy: number | null;
  readonly agents: number;
  /** From the start to the last arrival: the window occupancy is measured over. */
  readonly simulatedSeconds: number;
  /** Callers still in a queue when nothing more could happen (e.g. a queue no agent serves). */
  readonly unfinished: number;
  /** Inputs handed to the engine. */
  readonly engineInputs: number;
  readonly queues: readonly QueueReport[];
}

export type SimulationResult =
  | { readonly ok: true; readonly report: SimulationReport }
  | { readonly ok: false; readonly message: string };

export interface SimulationHooks {
  /** Called for each call as it leaves the system, in that order. */
  readonly onCall?: (call: FinishedCall) => void;
}

/** Runs the scenario on a fresh engine. Fails (as a value) when the engine refuses the scenario's configuration. */
export function simulate(scenario: Scenario, hooks: SimulationHooks = {}): SimulationResult {
  const simulation = new Simulation(scenario, hooks);
  const refusal = simulation.configure();
  if (refusal !== null) return { ok: false, message: refusal };
  return { ok: true, report: simulation.run() };
}

type Happening =
  | { readonly kind: 'arrival'; readonly stream: number }
  | { readonly kind: 'answer'; readonly offerId: string }
  | { readonly kind: 'no-answer'; readonly offerId: string }
  | { readonly kind: 'hang-up'; readonly callId: string }
  | { readonly kind: 'give-up'; readonly callId: string };

interface LiveCall {
  readonly queue: string;
  /** The queue's tally. */
  readonly tally: CallTally;
  readonly arrivalIndex: number;
  readonly arrivedAt: number;
  readonly handleMs: number;
  connectedAt: number | null;
}

const TIMER: Input = { kind: 'timer' };

const OUTCOME_OF_EVENT: Partial<Record<QueueEvent['type'], CallOutcome>> = {
  ABANDON: 'abandoned',
  EXITWITHTIMEOUT: 'timed-out',
  EXITEMPTY: 'exited',
  EXITWITHKEY: 'exited',
  FULL: 'refused',
  JOINEMPTY: 'refused',
};

class Simulation {
  private readonly engine: Engine;
  private readonly calendar = new TimerHeap<Happening>();
  /** Arrivals, handle times and patience: independent of the engine's decisions, so strategies compare on the same traffic. */
  private readonly traffic: Random;
  /** Ring delays and no-answers. */
  private readonly ringing: Random;
  /** One immutable arrival happening per stream, scheduled again and again. */
  private readonly arrivalOf: readonly Happening[];
  private readonly calls = new Map<string, LiveCall>();
  /** Offers still ringing: when each started. */
  private readonly rings = new Map<string, number>();
  private readonly wrapStarts = new Map<string, number>();
  private readonly overall: CallTally;
  private readonly byQueue = new Map<string, CallTally>();
  private readonly busy = new BusyWindow(SIMULATION_START_MS);
  private now = SIMULATION_START_MS;
  private arrivals = 0;
  private inputs = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly hooks: SimulationHooks,
  ) {
    this.engine = new Engine({ seed: scenario.seed });
    this.traffic = createRandom(scenario.seed, 1);
    this.ringing = createRandom(scenario.seed, 2);
    this.arrivalOf = scenario.arrivals.map((_, stream) => ({ kind: 'arrival', stream }));
    const thresholdMs = scenario.slThresholdSeconds * 1000;
    this.overall = new CallTally(thresholdMs, scenario.calls);
    for (const queue of scenario.queues) this.byQueue.set(queue.name, new CallTally(thresholdMs, scenario.calls));
  }

  /** Loads queues, agents (logged in, Available) and tiers; returns the engine's refusal with the field's path. */
  configure(): string | null {
    const { queues, agents, tiers } = this.scenario;
    const steps: [string, Input][] = [
      ...queues.map((queue, i): [string, Input] => [`scenario.queues[${i}]`, { kind: 'queue-upserted', queue }]),
      ...agents.map((agent, i): [string, Input] => [
        `scenario.agents[${i}]`,
        { kind: 'agent-upserted', agent, restoreStatus: 'Available' },
      ]),
      ...tiers.map((tier, i): [string, Input] => [`scenario.tiers[${i}]`, { kind: 'tier-upserted', tier }]),
    ];
    for (const [path, input] of steps) {
      const error = this.engine.handle(input, this.now).error;
      if (error !== null) return `${path}: ${error.message}`;
    }
    return null;
  }

  run(): SimulationReport {
    this.scenario.arrivals.forEach((_, stream) => this.scheduleArrival(stream));
    let drainUntil = Infinity;
    let lastTimer: number | null = null;
    for (;;) {
      const due = this.calendar.nextAt();
      const deadline = this.engine.nextDeadline();
      if (lastTimer !== null && deadline !== null && deadline <= lastTimer) {
        throw new Error(`engine asked again for a timer at ${deadline} after handling the one at ${lastTimer}`);
      }
      lastTimer = null;
      if (due === null) {
        drainUntil = Math.min(drainUntil, this.now + DRAIN_LIMIT_MS);
        if (deadline === null || this.calls.size === 0 || deadline > drainUntil) break;
      }
      if (deadline !== null && (due === null || deadline <= due)) {
        this.now = Math.max(this.now, deadline);
        this.apply(TIMER);
        lastTimer = deadline;
      } else if (due !== null) {
        this.now = due;
        this.happen(this.calendar.popDue(due) as Happening);
      }
    }
    return this.report();
  }

  private happen(happening: Happening): void {
    switch (happening.kind) {
      case 'arrival':
        this.arrive(happening.stream);
        return;
      case 'answer':
        if (this.rings.has(happening.offerId)) this.apply({ kind: 'offer-answered', offerId: happening.offerId });
        return;
      case 'no-answer':
        if (this.rings.has(happening.offerId)) this.apply({ kind: 'offer-failed', offerId: happening.offerId, cause: 'NO_ANSWER' });
        return;
      case 'hang-up':
        this.apply({ kind: 'call-ended', callId: happening.callId, by: 'caller' });
        return;
      case 'give-up': {
        const call = this.calls.get(happening.callId);
        if (call !== undefined && call.connectedAt === null) this.apply({ kind: 'caller-left', callId: happening.callId });
        return;
      }
    }
  }

  private scheduleArrival(stream: number): void {
    const rate = this.scenario.arrivals[stream]?.callsPerHour ?? 0;
    const gapMs = -Math.log(1 - this.traffic.next()) * (3_600_000 / rate);
    this.calendar.schedule(Math.round(this.now + gapMs), this.arrivalOf[stream] as Happening);
  }

  private arrive(stream: number): void {
    const source = this.scenario.arrivals[stream];
    if (source === undefined || this.arrivals >= this.scenario.calls) return;
    const n = this.arrivals++;
    if (this.arrivals === this.scenario.calls) this.busy.closeAt(this.now);
    const callId = `call-${n}`;
    const handleMs = Math.round(draw(source.handleTime, this.traffic) * 1000);
    const patienceMs = source.patience === null ? null : Math.round(draw(source.patience, this.traffic) * 1000);
    this.scheduleArrival(stream);
    this.calls.set(callId, { queue: source.queue, tally: this.tallyOf(source.queue), arrivalIndex: n, arrivedAt: this.now, handleMs, connectedAt: null });
    if (patienceMs !== null) this.calendar.schedule(this.now + patienceMs, { kind: 'give-up', callId });
    const number = String(1_000_000 + n);
    this.apply({ kind: 'caller-entered', callId, queue: source.queue, callerIdNumber: number, callerIdName: number });
  }

  private apply(input: Input): void {
    this.inputs++;
    const outcome = this.engine.handle(input, this.now);
    // 'stale': an answer or no-answer raced the engine's own ring timeout; harmless.
    if (outcome.error !== null && outcome.error.code !== 'stale') {
      throw new Error(`engine refused ${input.kind} at +${this.now - SIMULATION_START_MS} ms: ${outcome.error.code}: ${outcome.error.message}`);
    }
    for (const event of outcome.events) this.observe(event);
    for (const command of outcome.commands) this.execute(command);
  }

  private observe(event: QueueEvent): void {
    switch (event.type) {
      case 'ENTERQUEUE': {
        const call = this.callOf(event);
        if (call === undefined) return;
        this.overall.enter();
        call.tally.enter();
        return;
      }
      case 'CONNECT': {
        const call = this.callOf(event);
        if (call === undefined) return;
        call.connectedAt = this.now;
        const ringStartedAt = this.rings.get(String(event.data['offerId'])) ?? call.arrivedAt;
        this.finish(call, 'answered', ringStartedAt > call.arrivedAt);
        return;
      }
      case 'COMPLETEAGENT':
      case 'COMPLETECALLER':
      case 'TRANSFER':
      case 'BLINDTRANSFER': {
        const call = this.callOf(event);
        if (call === undefined) return;
        this.busy.add(call.connectedAt ?? this.now, this.now);
        this.calls.delete(event.callId as string);
        return;
      }
      case 'WRAPUPSTART':
        if (event.agentId !== null) this.wrapStarts.set(event.agentId, this.now);
        return;
      case 'WRAPUPEND':
        if (event.agentId !== null) this.endWrapUp(event.agentId);
        return;
      default: {
        const outcome = OUTCOME_OF_EVENT[event.type];
        const call = outcome === undefined ? undefined : this.callOf(event);
        if (outcome === undefined || call === undefined) return;
        this.finish(call, outcome, false);
        this.calls.delete(event.callId as string);
      }
    }
  }

  private callOf(event: QueueEvent): LiveCall | undefined {
    return event.callId === null ? undefined : this.calls.get(event.callId);
  }

  private tallyOf(queue: string): CallTally {
    const tally = this.byQueue.get(queue);
    if (tally === undefined) throw new Error(`arrivals to queue ${queue}, which the scenario does not have`);
    return tally;
  }

  private endWrapUp(agentId: string): void {
    const startedAt = this.wrapStarts.get(agentId);
    if (startedAt === undefined) return;
    this.busy.add(startedAt, this.now);
    this.wrapStarts.delete(agentId);
  }

  private finish(call: LiveCall, outcome: CallOutcome, waited: boolean): void {
    const finished: FinishedCall = {
      queue: call.queue,
      arrivalIndex: call.arrivalIndex,
      outcome,
      arrivedAt: call.arrivedAt,
      waitMs: outcome === 'refused' ? 0 : this.now - call.arrivedAt,
      waited,
    };
    this.overall.record(finished);
    call.tally.record(finished);
    this.hooks.onCall?.(finished);
  }

  private execute(command: Command): void {
    switch (command.kind) {
      case 'ring': {
        this.rings.set(command.offerId, this.now);
        if (this.ringing.next() < this.scenario.noAnswerProbability) {
          // FreeSWITCH reports NO_ANSWER when the originate timeout expires.
          this.calendar.schedule(this.now + command.timeoutSeconds * 1000, { kind: 'no-answer', offerId: command.offerId });
        } else {
          const delayMs = Math.round(draw(this.scenario.ringDelay, this.ringing) * 1000);
          this.calendar.schedule(this.now + delayMs, { kind: 'answer', offerId: command.offerId });
        }
        return;
      }
      case 'cancel-ring':
        this.rings.delete(command.offerId);
        return;
      case 'bridge': {
        this.rings.delete(command.offerId);
        const call = this.calls.get(command.callId);
        if (call !== undefined) this.calendar.schedule(this.now + call.handleMs, { kind: 'hang-up', callId: command.callId });
        return;
      }
      case 'exit':
      case 'announce':
      case 'play':
        // The caller's leg: nothing to simulate (exits are counted from their events).
        return;
    }
  }

  private report(): SimulationReport {
    let unfinished = 0;
    for (const call of this.calls.values()) {
      if (call.connectedAt !== null) {
        this.busy.add(call.connectedAt, this.now);
      } else {
        unfinished++;
        this.overall.stillWaiting(this.now - call.arrivedAt);
        call.tally.stillWaiting(this.now - call.arrivedAt);
      }
    }
    for (const agentId of [...this.wrapStarts.keys()]) this.endWrapUp(agentId);
    const agents = this.scenario.agents.length;
    return {
      ...this.overall.metrics(),
      occupancy: this.busy.occupancy(agents, this.now),
      agents,
      simulatedSeconds: this.busy.spanMs(this.now) / 1000,
      unfinished,
      engineInputs: this.inputs,
      queues: [...this.byQueue].map(([name, tally]) => ({ name, ...tally.metrics() })),
    };
  }
}
