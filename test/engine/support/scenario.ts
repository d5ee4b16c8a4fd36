// A small driver for engine tests: a clock, config shortcuts, and the outcomes collected.
import {
  Engine,
  defaultAgentConfig,
  defaultQueueConfig,
  type AgentConfig,
  type AgentStatus,
  type Command,
  type EngineSnapshot,
  type EventType,
  type Input,
  type Outcome,
  type QueueConfig,
  type QueueEvent,
} from '../../../src/engine/index.js';

export type RingCommand = Extract<Command, { kind: 'ring' }>;

export const T0 = 1_700_000_000_000;

export class Scenario {
  readonly engine: Engine;
  now = T0;
  readonly outcomes: Outcome[] = [];

  constructor(seed = 1) {
    this.engine = new Engine({ seed });
  }

  /** Applies an input now; fails the test on an engine error unless `allowError`. */
  send(input: Input, allowError = false): Outcome {
    const out = this.engine.handle(input, this.now);
    if (out.error !== null && !allowError) throw new Error(`engine error ${out.error.code}: ${out.error.message}`);
    this.outcomes.push(out);
    return out;
  }

  /** Moves the clock by `seconds`, firing every deadline on the way, in order. */
  advance(seconds: number): Outcome[] {
    const until = this.now + seconds * 1000;
    const fired: Outcome[] = [];
    for (let at = this.engine.nextDeadline(); at !== null && at <= until; at = this.engine.nextDeadline()) {
      this.now = Math.max(this.now, at);
      fired.push(this.send({ kind: 'timer' }));
    }
    this.now = until;
    return fired;
  }

  queue(name: string, overrides: Partial<QueueConfig> = {}): this {
    this.send({ kind: 'queue-upserted', queue: { ...defaultQueueConfig(name), ...overrides } });
    return this;
  }

  agent(id: string, overrides: Partial<AgentConfig> = {}, status: AgentStatus = 'Available'): this {
    this.send({ kind: 'agent-upserted', agent: { ...defaultAgentConfig(id, `user/${id}`), ...overrides }, restoreStatus: status });
    return this;
  }

  tier(queue: string, agentId: string, level = 1, position = 1): this {
    this.send({ kind: 'tier-upserted', tier: { queue, agentId, level, position } });
    return this;
  }

  /** Agents a1..an, each Available and tiered into `queue` at level 1, position i. */
  agents(queue: string, n: number, overrides: Partial<AgentConfig> = {}): this {
    for (let i = 1; i <= n; i++) this.agent(`a${i}`, overrides).tier(queue, `a${i}`, 1, i);
    return this;
  }

  enter(callId: string, queue: string, extra: { priority?: number; baseScoreSeconds?: number; callerIdNumber?: string; secondsInSystem?: number } = {}): Outcome {
    return this.send({
      kind: 'caller-entered',
      callId,
      queue,
      callerIdNumber: extra.callerIdNumber ?? `n-${callId}`,
      callerIdName: `name-${callId}`,
      ...extra,
    });
  }

  status(agentId: string, status: AgentStatus, reason: string | null = null): Outcome {
    return this.send({ kind: 'agent-status-set', agentId, status, reason, source: 'test' }, true);
  }

  answer(offerId: string): Outcome {
    return this.send({ kind: 'offer-answered', offerId }, true);
  }

  failOffer(offerId: string, cause = 'NO_ANSWER'): Outcome {
    return this.send({ kind: 'offer-failed', offerId, cause }, true);
  }

  end(callId: string, by: 'agent' | 'caller' = 'agent'): Outcome {
    return this.send({ kind: 'call-ended', callId, by });
  }

  get last(): Outcome {
    const out = this.outcomes[this.outcomes.length - 1];
    if (out === undefined) throw new Error('no outcome yet');
    return out;
  }

  allEvents(): QueueEvent[] {
    return this.outcomes.flatMap((o) => o.events);
  }

  events(type: EventType): QueueEvent[] {
    return this.allEvents().filter((e) => e.type === type);
  }

  commands(): Command[] {
    return this.outcomes.flatMap((o) => o.commands);
  }

  rings(): RingCommand[] {
    return this.commands().filter((c): c is RingCommand => c.kind === 'ring');
  }

  /** The rings still live: rung and not yet answered, failed or cancelled. */
  liveRings(): RingCommand[] {
    const ended = new Set<string>();
    for (const o of this.outcomes) {
      for (const c of o.commands) if (c.kind === 'cancel-ring' || c.kind === 'bridge') ended.add(c.offerId);
      for (const e of o.events) {
        if (e.type.startsWith('RING') && typeof e.data['offerId'] === 'string') ended.add(e.data['offerId']);
      }
    }
    return this.rings().filter((r) => !ended.has(r.offerId));
  }

  /** The single live ring for this call (fails when there is not exactly one). */
  ringFor(callId: string): RingCommand {
    const rings = this.liveRings().filter((r) => r.callId === callId);
    if (rings.length !== 1) throw new Error(`expected one live ring for ${callId}, got ${rings.map((r) => r.agentId).join(',') || 'none'}`);
    return rings[0] as RingCommand;
  }

  /** Agent ids rung by the last outcome. */
  rungNow(): string[] {
    return this.last.commands.filter((c): c is RingCommand => c.kind === 'ring').map((c) => c.agentId);
  }

  /** Connects a call: its live ring to `agentId` (or its only live ring) is answered. */
  connect(callId: string, agentId?: string): void {
    const ring =
      agentId === undefined ? this.ringFor(callId) : this.liveRings().find((r) => r.callId === callId && r.agentId === agentId);
    if (ring === undefined) throw new Error(`no live ring of ${callId} to ${agentId}`);
    const out = this.answer(ring.offerId);
    if (out.error !== null) throw new Error(out.error.message);
  }

  snapshot(): EngineSnapshot {
    return this.engine.snapshot(this.now);
  }

  agentSnap(id: string): EngineSnapshot['agents'][number] {
    const a = this.snapshot().agents.find((x) => x.id === id);
    if (a === undefined) throw new Error(`no agent ${id} in snapshot`);
    return a;
  }

  memberSnap(callId: string): EngineSnapshot['members'][number] | undefined {
    return this.snapshot().members.find((m) => m.callId === callId);
  }
}

export function types(out: Outcome): EventType[] {
  return out.events.map((e) => e.type);
}
