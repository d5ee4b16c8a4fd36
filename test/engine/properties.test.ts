// Property-based tests: random configurations and random scripts of inputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Engine,
  STRATEGIES,
  TERMINAL_EVENT_TYPES,
  touchedBy,
  defaultAgentConfig,
  defaultQueueConfig,
  type AgentConfig,
  type AgentSnapshot,
  type AgentStatus,
  type EngineSnapshot,
  type MemberSnapshot,
  type Input,
  type Outcome,
  type QueueConfig,
  type TierConfig,
} from '../../src/engine/index.js';
import { eligible, openLevel, type World } from './support/oracle.js';

const QUEUE_NAMES = ['q1', 'q2', 'q3'];
const AGENT_IDS = ['a1', 'a2', 'a3', 'a4', 'a5'];
const STATUSES: AgentStatus[] = ['Logged Out', 'Available', 'Available (On Demand)', 'On Break'];
const CAUSES = ['NO_ANSWER', 'USER_BUSY', 'CALL_REJECTED', 'USER_NOT_REGISTERED', 'LOSE_RACE', 'ORIGINATOR_CANCEL', 'ALLOTTED_TIMEOUT'];

const queueArb = (name: string): fc.Arbitrary<QueueConfig> =>
  fc.record({
    strategy: fc.constantFrom(...STRATEGIES),
    priority: fc.integer({ min: 0, max: 2 }),
    assignment: fc.constantFrom('automatic', 'automatic', 'automatic', 'manual'),
    maxCallers: fc.constantFrom(0, 0, 3),
    maxWaitSeconds: fc.constantFrom(0, 30, 90),
    maxWaitWithNoAgentSeconds: fc.constantFrom(0, 10, 40),
    maxWaitWithNoAgentTimeReachedSeconds: fc.constantFrom(0, 5),
    joinPolicy: fc.constantFrom('always', 'always', 'require-logged-in', 'require-available'),
    leavePolicy: fc.constantFrom('never', 'never', 'when-none-logged-in', 'when-none-available'),
    maxRingSeconds: fc.constantFrom(5, 15, 30),
    tierRulesApply: fc.boolean(),
    tierRuleWaitSeconds: fc.constantFrom(0, 10, 30),
    tierRuleWaitMultiplyLevel: fc.boolean(),
    tierRuleNoAgentNoWait: fc.boolean(),
    abandonedResumeAllowed: fc.boolean(),
    ringProgressivelyDelaySeconds: fc.constantFrom(0, 3),
    ringN: fc.integer({ min: 1, max: 3 }),
    skipAgentsWithExternalCalls: fc.boolean(),
    wrapUpSeconds: fc.constantFrom(0, 5),
    agentNoAnswerStatus: fc.constantFrom('On Break', 'Logged Out'),
    announceOnEntry: fc.boolean(),
    announceFrequencySeconds: fc.constantFrom(0, 20),
  }).map((o) => ({ ...defaultQueueConfig(name), ...o, exitKeys: [{ key: '0', destination: 'voicemail' }] }) as QueueConfig);

const agentArb = (id: string): fc.Arbitrary<AgentConfig> =>
  fc.record({
    type: fc.constantFrom('dynamic', 'dynamic', 'static'),
    maxNoAnswer: fc.integer({ min: 0, max: 3 }),
    wrapUpSeconds: fc.constantFrom(null, 0, 4),
    rejectDelaySeconds: fc.constantFrom(0, 3),
    busyDelaySeconds: fc.constantFrom(0, 3),
    noAnswerDelaySeconds: fc.constantFrom(0, 3),
  }).map((o) => ({ ...defaultAgentConfig(id, `user/${id}`), ...o }) as AgentConfig);

const tierArb = fc.record({
  queue: fc.constantFrom(...QUEUE_NAMES),
  agentId: fc.constantFrom(...AGENT_IDS),
  level: fc.integer({ min: 0, max: 3 }),
  position: fc.integer({ min: 1, max: 3 }),
});

type Step =
  | { readonly op: 'enter'; readonly queue: string; readonly priority: number; readonly caller: number }
  | { readonly op: 'leave' | 'answer' | 'reject' | 'end' | 'transfer' | 'key' | 'request'; readonly pick: number }
  | { readonly op: 'fail'; readonly pick: number; readonly cause: string }
  | { readonly op: 'status'; readonly agent: string; readonly status: AgentStatus }
  | { readonly op: 'ready' | 'remove-agent'; readonly agent: string }
  | { readonly op: 'external'; readonly agent: string; readonly active: boolean }
  | { readonly op: 'advance'; readonly seconds: number }
  | { readonly op: 'tier'; readonly tier: TierConfig }
  | { readonly op: 'untier'; readonly pick: number }
  | { readonly op: 'strategy'; readonly queue: string; readonly strategy: QueueConfig['strategy'] }
  | { readonly op: 'remove-queue' | 'restore-queue'; readonly queue: string };

const pick = fc.nat({ max: 50 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('enter' as const), queue: fc.constantFrom(...QUEUE_NAMES), priority: fc.integer({ min: 0, max: 1 }), caller: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('leave' as const), pick }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('answer' as const), pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('fail' as const), pick, cause: fc.constantFrom(...CAUSES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reject' as const), pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('end' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('transfer' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('key' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('request' as const), pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('status' as const), agent: fc.constantFrom(...AGENT_IDS), status: fc.constantFrom(...STATUSES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('ready' as const), agent: fc.constantFrom(...AGENT_IDS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('external' as const), agent: fc.constantFrom(...AGENT_IDS), active: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tier' as const), tier: tierArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('untier' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('strategy' as const), queue: fc.constantFrom(...QUEUE_NAMES), strategy: fc.constantFrom(...STRATEGIES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove-agent' as const), agent: fc.constantFrom(...AGENT_IDS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('remove-queue' as const, 'restore-queue' as const), queue: fc.constantFrom(...QUEUE_NAMES) }) },
);

const setupArb = fc.record({
  queues: fc.tuple(...QUEUE_NAMES.map(queueArb)),
  agents: fc.tuple(...AGENT_IDS.map(agentArb)),
  statuses: fc.array(fc.constantFrom(...STATUSES), { minLength: AGENT_IDS.length, maxLength: AGENT_IDS.length }),
  tiers: fc.array(tierArb, { maxLength: 12 }),
  seed: fc.integer(),
});

/** Drives an engine with a script, tracking live offers and calls from its own outputs. */
class Harness {
  readonly engine: Engine;
  now = 1_700_000_000_000;
  readonly world: World = { queues: new Map(), tiers: new Map() };
  readonly liveOffers = new Map<string, { callId: string; agentId: string }>();
  readonly connected = new Map<string, string>();
  readonly entered: string[] = [];
  /** Every outcome, in order (determinism check). */
  readonly log: Outcome[] = [];
  readonly entrySeq = new Map<string, number>();
  readonly terminals = new Map<string, number>();
  /** Rows kept up to date from touchedBy alone, as the live-state mirror does. */
  readonly mirror = { agents: new Map<string, AgentSnapshot>(), members: new Map<string, MemberSnapshot>() };
  private calls = 0;

  constructor(seed: number) {
    this.engine = new Engine({ seed });
  }

  apply(input: Input): Outcome {
    const before = this.engine.snapshot(this.now);
    const out = this.engine.handle(input, this.now);
    this.log.push(out);
    if (out.error === null) this.track(input);
    this.record(out);
    this.updateMirror(input, out);
    this.check(out, before);
    return out;
  }

  private updateMirror(input: Input, out: Outcome): void {
    const touched = touchedBy(input, out);
    const put = <T>(rows: Map<string, T>, id: string, row: T | undefined): void => {
      if (row === undefined) rows.delete(id);
      else rows.set(id, row);
    };
    for (const id of touched.agentIds) put(this.mirror.agents, id, this.engine.agentSnapshot(id));
    for (const id of touched.callIds) put(this.mirror.members, id, this.engine.memberSnapshot(id));
    for (const queue of touched.queues) {
      for (const row of this.engine.queueMemberSnapshots(queue)) this.mirror.members.set(row.callId, row);
    }
  }

  private track(input: Input): void {
    if (input.kind === 'queue-upserted') this.world.queues.set(input.queue.name, input.queue);
    if (input.kind === 'tier-upserted') this.world.tiers.set(`${input.tier.queue}/${input.tier.agentId}`, input.tier);
    if (input.kind === 'tier-removed') this.world.tiers.delete(`${input.queue}/${input.agentId}`);
    if (input.kind === 'agent-removed') {
      for (const key of [...this.world.tiers.keys()]) if (key.endsWith(`/${input.agentId}`)) this.world.tiers.delete(key);
    }
    if (input.kind === 'queue-removed') {
      this.world.queues.delete(input.queue);
      for (const key of [...this.world.tiers.keys()]) if (key.startsWith(`${input.queue}/`)) this.world.tiers.delete(key);
    }
  }

  private record(out: Outcome): void {
    for (const c of out.commands) {
      if (c.kind === 'ring') this.liveOffers.set(c.offerId, { callId: c.callId, agentId: c.agentId });
      if (c.kind === 'cancel-ring') this.liveOffers.delete(c.offerId);
      if (c.kind === 'bridge') {
        this.liveOffers.delete(c.offerId);
        this.connected.set(c.callId, c.agentId);
      }
    }
    for (const e of out.events) {
      const offerId = e.data['offerId'];
      if (e.type.startsWith('RING') && typeof offerId === 'string') this.liveOffers.delete(offerId);
      if (e.callId === null) continue;
      if (e.type === 'ENTERQUEUE') {
        assert.ok(!this.entrySeq.has(e.callId), `${e.callId} entered twice`);
        this.entered.push(e.callId);
        this.entrySeq.set(e.callId, this.entered.length);
      }
      if (TERMINAL_EVENT_TYPES.has(e.type)) {
        assert.ok(this.entrySeq.has(e.callId), `${e.type} for ${e.callId} without ENTERQUEUE`);
        const n = (this.terminals.get(e.callId) ?? 0) + 1;
        assert.equal(n, 1, `${e.callId} got a second terminal event ${e.type}`);
        this.terminals.set(e.callId, n);
        this.connected.delete(e.callId);
      }
    }
  }

  private check(out: Outcome, before: EngineSnapshot): void {
    const snap = this.engine.snapshot(this.now);
    // The rows touchedBy names are all that changed: the mirror is the snapshot.
    assert.deepEqual(this.mirror.agents, new Map(snap.agents.map((a) => [a.id, a])), 'agent rows missed by touchedBy');
    assert.deepEqual(this.mirror.members, new Map(snap.members.map((m) => [m.callId, m])), 'caller rows missed by touchedBy');
    // An agent never holds two offers or two calls, nor an offer and a call.
    const busy = new Map<string, number>();
    for (const o of this.liveOffers.values()) busy.set(o.agentId, (busy.get(o.agentId) ?? 0) + 1);
    for (const agentId of this.connected.values()) busy.set(agentId, (busy.get(agentId) ?? 0) + 1);
    for (const [agentId, n] of busy) assert.ok(n <= 1, `agent ${agentId} holds ${n} offers/calls`);
    for (const m of snap.members) {
      for (const agentId of m.ringingAgentIds) {
        assert.ok([...this.liveOffers.values()].some((o) => o.agentId === agentId && o.callId === m.callId), `engine rings ${agentId} for ${m.callId} but no live ring`);
      }
    }
    // In automatic mode no caller waits while an eligible free agent exists.
    for (const m of snap.members) {
      const queue = this.world.queues.get(m.queue);
      if (queue === undefined || queue.assignment !== 'automatic') continue;
      // A ring-all caller past its max wait only waits for its rings to resolve (FS-10237).
      const timedOut = queue.maxWaitSeconds > 0 && this.now - m.joinedAt >= queue.maxWaitSeconds * 1000;
      const waits = m.state === 'waiting' || (m.state === 'ringing' && queue.strategy === 'ring-all' && !timedOut);
      if (!waits) continue;
      for (const a of snap.agents) {
        assert.ok(!eligible(this.world, snap, a, m, this.now), `caller ${m.callId} (${queue.strategy}) waits while ${a.id} is eligible`);
      }
    }
    // Global order: an agent offered a caller had no higher caller of its queues waiting un-offered.
    for (const e of out.events) {
      if (e.type !== 'OFFER' || e.callId === null || e.agentId === null) continue;
      const offered = snap.members.find((m) => m.callId === e.callId) ?? before.members.find((m) => m.callId === e.callId);
      if (offered === undefined || this.world.queues.get(offered.queue)?.assignment !== 'automatic') continue;
      for (const m of snap.members) {
        const queue = this.world.queues.get(m.queue);
        const tier = this.world.tiers.get(`${m.queue}/${e.agentId}`);
        if (m.state !== 'waiting' || queue === undefined || queue.assignment !== 'automatic' || tier === undefined) continue;
        const agent = before.agents.find((a) => a.id === e.agentId);
        if (agent !== undefined && queue.skipAgentsWithExternalCalls && agent.externalCalls > 0) continue;
        if (tier.level > openLevel(this.world, snap, queue, m.joinedAt, this.now)) continue;
        assert.ok(!this.higher(m, offered), `${e.agentId} was offered ${offered.callId} while ${m.callId} waited ahead of it`);
      }
    }
  }

  /** Is `a` before `b` in global order (queue priority, caller priority, join, arrival)? */
  private higher(a: EngineSnapshot['members'][number], b: EngineSnapshot['members'][number]): boolean {
    const pa = this.world.queues.get(a.queue)?.priority ?? 0;
    const pb = this.world.queues.get(b.queue)?.priority ?? 0;
    if (pa !== pb) return pa > pb;
    if (a.priority !== b.priority) return a.priority > b.priority;
    if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt;
    return (this.entrySeq.get(a.callId) ?? 0) < (this.entrySeq.get(b.callId) ?? 0);
  }

  advance(seconds: number): void {
    const until = this.now + seconds * 1000;
    for (let at = this.engine.nextDeadline(); at !== null && at <= until; at = this.engine.nextDeadline()) {
      this.now = Math.max(this.now, at);
      this.apply({ kind: 'timer' });
    }
    this.now = until;
  }

  newCallId(): string {
    return `c${++this.calls}`;
  }

  waiting(): string[] {
    return this.engine.snapshot(this.now).members.filter((m) => m.state !== 'connected').map((m) => m.callId);
  }
}

function nth<T>(list: readonly T[], i: number): T | undefined {
  return list.length === 0 ? undefined : list[i % list.length];
}

type Setup = typeof setupArb extends fc.Arbitrary<infer S> ? S : never;

function run(setup: Setup, script: Step[]): Harness {
  const h = new Harness(setup.seed);
  for (const q of setup.queues) h.apply({ kind: 'queue-upserted', queue: q });
  setup.agents.forEach((a, i) => h.apply({ kind: 'agent-upserted', agent: a, restoreStatus: setup.statuses[i] ?? 'Available' }));
  for (const t of setup.tiers) h.apply({ kind: 'tier-upserted', tier: t });
  for (const step of script) {
    h.now += 250;
    h.advance(0);
    const offers = [...h.liveOffers.keys()];
    switch (step.op) {
      case 'enter':
        h.apply({ kind: 'caller-entered', callId: h.newCallId(), queue: step.queue, callerIdNumber: `+${step.caller}`, callerIdName: 'x', priority: step.priority });
        break;
      case 'leave': {
        const c = nth(h.waiting(), step.pick);
        if (c !== undefined) h.apply({ kind: 'caller-left', callId: c });
        break;
      }
      case 'key': {
        const c = nth(h.waiting(), step.pick);
        if (c !== undefined) h.apply({ kind: 'caller-key', callId: c, key: step.pick % 2 === 0 ? '0' : '5' });
        break;
      }
      case 'answer': {
        const o = nth(offers, step.pick);
        if (o !== undefined) h.apply({ kind: 'offer-answered', offerId: o });
        break;
      }
      case 'fail': {
        const o = nth(offers, step.pick);
        if (o !== undefined) h.apply({ kind: 'offer-failed', offerId: o, cause: step.cause });
        break;
      }
      case 'reject': {
        const o = nth(offers, step.pick);
        if (o !== undefined) h.apply({ kind: 'offer-rejected', offerId: o });
        break;
      }
      case 'end':
      case 'transfer': {
        const c = nth([...h.connected.keys()], step.pick);
        if (c === undefined) break;
        h.apply(
          step.op === 'end'
            ? { kind: 'call-ended', callId: c, by: step.pick % 2 === 0 ? 'agent' : 'caller' }
            : { kind: 'call-transferred', callId: c, transfer: step.pick % 2 === 0 ? 'blind' : 'attended', target: '2000' },
        );
        break;
      }
      case 'request': {
        const agent = nth(AGENT_IDS, step.pick) ?? 'a1';
        h.apply({ kind: 'agent-request-call', agentId: agent });
        break;
      }
      case 'status':
        h.apply({ kind: 'agent-status-set', agentId: step.agent, status: step.status, reason: 'r', source: 'test' });
        break;
      case 'ready':
        h.apply({ kind: 'agent-ready', agentId: step.agent });
        break;
      case 'external':
        h.apply({ kind: 'agent-external-call', agentId: step.agent, active: step.active });
        break;
      case 'advance':
        h.advance(step.seconds);
        break;
      case 'tier':
        h.apply({ kind: 'tier-upserted', tier: step.tier });
        break;
      case 'untier': {
        const t = nth([...h.world.tiers.values()], step.pick);
        if (t !== undefined) h.apply({ kind: 'tier-removed', queue: t.queue, agentId: t.agentId });
        break;
      }
      case 'strategy': {
        const q = h.world.queues.get(step.queue);
        if (q !== undefined) h.apply({ kind: 'queue-upserted', queue: { ...q, strategy: step.strategy } });
        break;
      }
      case 'remove-agent':
        h.apply({ kind: 'agent-removed', agentId: step.agent });
        break;
      case 'remove-queue':
        h.apply({ kind: 'queue-removed', queue: step.queue });
        break;
      case 'restore-queue': {
        const q = setup.queues.find((c) => c.name === step.queue);
        if (q !== undefined && !h.world.queues.has(q.name)) h.apply({ kind: 'queue-upserted', queue: q });
        break;
      }
    }
  }
  // End everything: connected calls end, waiting callers hang up, stale inputs are harmless.
  for (const c of [...h.connected.keys()]) h.apply({ kind: 'call-ended', callId: c, by: 'caller' });
  for (const c of h.waiting()) {
    const out = h.apply({ kind: 'caller-left', callId: c });
    assert.equal(out.error, null);
  }
  for (const c of [...h.connected.keys()]) h.apply({ kind: 'call-ended', callId: c, by: 'agent' });
  return h;
}

describe('engine properties', () => {
  test('random scripts keep every invariant, and every caller ends exactly once', () => {
    fc.assert(
      fc.property(setupArb, fc.array(stepArb, { minLength: 30, maxLength: 150 }), (setup, script) => {
        const h = run(setup, script);
        for (const callId of h.entered) assert.equal(h.terminals.get(callId), 1, `${callId} has no terminal event`);
        assert.equal(h.engine.snapshot(h.now).members.length, 0);
      }),
      { numRuns: 300, seed: 20261121 },
    );
  });

  test('the same inputs at the same times give the same outputs', () => {
    fc.assert(
      fc.property(setupArb, fc.array(stepArb, { minLength: 30, maxLength: 150 }), (setup, script) => {
        assert.deepEqual(run(setup, script).log, run(setup, script).log);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
