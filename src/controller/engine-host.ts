// The imperative shell around the pure engine: feeds it inputs with the wall clock, keeps the one
// timer the engine asks for, and hands commands and events to their sinks. Everything that happens
// to queues goes through submit(), one input at a time (Node's single thread keeps them ordered).
import type { Command, Engine, EngineSnapshot, Input, Outcome, QueueEvent } from '../engine/index.js';
import type { Logger } from '../log.js';

export interface EngineSinks {
  /** Carries out one command (ring, bridge, ...). Must not throw; failures come back as inputs. */
  execute(command: Command): void;
  /** Receives the events of one input, in order. */
  record(events: readonly QueueEvent[]): void;
  /** After each input, once its commands and events are out: for mirrors of the state (live-state-sync). */
  handled(input: Input, outcome: Outcome): void;
}

// setTimeout takes a signed 32-bit delay; a later deadline is re-armed when this one fires.
const MAX_TIMER_DELAY_MS = 2_147_483_647;

export class EngineHost {
  #timer: NodeJS.Timeout | null = null;
  #armedFor: number | null = null;
  #stopped = false;
  /** Events of the input being handled and of any it led to, not logged yet. */
  #unlogged: QueueEvent[] = [];
  /** Nested submit() calls under way (a command's execution may submit an input). */
  #depth = 0;

  constructor(
    private readonly engine: Engine,
    private readonly sinks: EngineSinks,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  submit(input: Input): Outcome {
    const outcome = this.engine.handle(input, this.clock());
    if (outcome.error !== null) {
      const level = outcome.error.code === 'stale' ? 'debug' : 'warn';
      this.logger[level]({ input: input.kind, code: outcome.error.code }, outcome.error.message);
    }
    this.#unlogged.push(...outcome.events);
    this.#depth++;
    try {
      if (outcome.events.length > 0) this.sinks.record(outcome.events);
      for (const command of outcome.commands) this.sinks.execute(command);
      this.sinks.handled(input, outcome);
    } finally {
      this.#depth--;
    }
    // Logged once the commands are out (a log line is a synchronous write, ~0.1 ms, and an originate
    // should not wait for them), in event order even when a command submitted another input meanwhile.
    if (this.#depth === 0) this.#logEvents();
    this.#arm();
    return outcome;
  }

  #logEvents(): void {
    const events = this.#unlogged;
    this.#unlogged = [];
    for (const event of events) {
      this.logger.info(
        { event: event.type, callId: event.callId, queue: event.queue, agentId: event.agentId, ...event.data },
        'queue event',
      );
    }
  }

  now(): number {
    return this.clock();
  }

  snapshot(): EngineSnapshot {
    return this.engine.snapshot(this.clock());
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #arm(): void {
    if (this.#stopped) return;
    const deadline = this.engine.nextDeadline();
    if (deadline === this.#armedFor) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#armedFor = deadline;
    if (deadline === null) return;
    const delay = Math.min(Math.max(0, deadline - this.clock()), MAX_TIMER_DELAY_MS);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#armedFor = null;
      this.submit({ kind: 'timer' });
    }, delay);
  }
}
