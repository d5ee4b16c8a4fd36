// No leaked leg, ever: many calls through the wire, each ended by the caller, the agent or both at a random moment
// around the bridge (before the agent answers, between the answer and uuid_bridge, inside the bridge window, after),
// with the double's media tick and slow, jittered replies. After every run nothing may be left: no channel up in the
// double, every agent free, one end event per call. Timing is real, so a failing seed shows the kind of run that
// fails rather than replaying it exactly.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { TERMINAL_EVENT_TYPES, type EventType } from '../../src/engine/index.js';
import { createRng } from '../../src/engine/rng.js';
import { pollUntil, startStack, type Stack } from './stack.js';

const QUEUE = 'leaks';
const AGENTS = ['leaks-1', 'leaks-2', 'leaks-3'];
const SETTLE_MS = 5_000;

/** Where a hang-up happens: right after the anchor event of the call, plus `offsetMs`. */
type Anchor = 'originate-sent' | 'agent-answered' | 'uuid-bridge-sent' | 'bridged';

type Ending =
  | { readonly who: 'caller'; readonly at: Anchor; readonly offsetMs: number }
  | { readonly who: 'agent'; readonly at: 'uuid-bridge-sent' | 'bridged'; readonly offsetMs: number }
  | { readonly who: 'both'; readonly at: 'bridged'; readonly offsetMs: number };

interface Run {
  readonly calls: ReadonlyArray<{ readonly ending: Ending; readonly dialAfterMs: number }>;
  readonly answerAfterMs: readonly number[];
  readonly seed: number;
}

const offsetArb = fc.integer({ min: 0, max: 30 });
const endingArb: fc.Arbitrary<Ending> = fc.oneof(
  fc.record({ who: fc.constant('caller' as const), at: fc.constantFrom<Anchor>('originate-sent', 'agent-answered', 'uuid-bridge-sent', 'bridged'), offsetMs: offsetArb }),
  fc.record({ who: fc.constant('agent' as const), at: fc.constantFrom('uuid-bridge-sent' as const, 'bridged' as const), offsetMs: offsetArb }),
  fc.record({ who: fc.constant('both' as const), at: fc.constant('bridged' as const), offsetMs: offsetArb }),
);
const runArb: fc.Arbitrary<Run> = fc.record({
  calls: fc.array(fc.record({ ending: endingArb, dialAfterMs: fc.integer({ min: 0, max: 40 }) }), { minLength: 1, maxLength: 6 }),
  answerAfterMs: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: AGENTS.length, maxLength: AGENTS.length }),
  seed: fc.integer(),
});

let stack: Stack;
let random: () => number = Math.random;
before(async () => {
  // Default media tick (20 ms, as FreeSWITCH); every reply up to 15 ms late.
  stack = await startStack({ double: { replyJitterMs: 15, random: () => random() } });
  await stack.addQueue(QUEUE, { strategy: 'longest-idle-agent', maxRingSeconds: 30 });
  for (const agentId of AGENTS) await stack.addAgent(agentId);
  const tiers = AGENTS.map((agentId, i) => ({ queue: QUEUE, agentId, level: 1, position: i + 1 }));
  for (const tier of tiers) await stack.addTier(tier);
  await stack.configured({ queues: [QUEUE], agents: AGENTS, tiers });
  for (const agentId of AGENTS) stack.setStatus(agentId, 'Available');
});
after(() => stack.stop());

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when the anchor happened; a moment that never comes (the call ended another way) lets the hang-up go ahead. */
async function reached(anchor: Anchor, callerUuid: string, agentLeg: string): Promise<void> {
  const { fs } = stack;
  const waits: Record<Anchor, () => Promise<unknown>> = {
    'originate-sent': () => Promise.resolve(),
    'agent-answered': () => fs.waitForEvent('CHANNEL_ANSWER', (e) => e.get('Unique-ID') === agentLeg),
    'uuid-bridge-sent': () => fs.waitForCommand(new RegExp(`uuid_bridge ${callerUuid} `)),
    bridged: () => fs.waitForEvent('CHANNEL_BRIDGE', (e) => e.get('Bridge-A-Unique-ID') === callerUuid),
  };
  await waits[anchor]().catch(() => undefined);
}

/** Dials one caller and ends the call as `ending` says; resolves with its call id. */
async function play(ending: Ending, dialAfterMs: number): Promise<string> {
  await sleep(dialAfterMs);
  const { fs } = stack;
  const caller = await fs.dial({ port: stack.controller.outboundPort, queue: QUEUE });
  const [offer] = await stack.waitForOriginates(caller.uuid, 1);
  const agentLeg = offer?.legUuid ?? '';
  await reached(ending.at, caller.uuid, agentLeg);
  await sleep(ending.offsetMs);
  const hangUpAgent = (): void => {
    if (fs.channel(agentLeg)?.isUp === true) fs.hangupAgent(agentLeg);
  };
  if (ending.who !== 'agent') caller.hangup();
  if (ending.who !== 'caller') hangUpAgent();
  return caller.uuid;
}

/** Which end events the engine may log for a call ended this way. */
function allowedEnds(ending: Ending): ReadonlySet<EventType> {
  if (ending.who === 'caller') return new Set<EventType>(['ABANDON', 'COMPLETECALLER']);
  if (ending.who === 'agent') return new Set<EventType>(['COMPLETEAGENT']);
  return new Set<EventType>(['COMPLETECALLER', 'COMPLETEAGENT']);
}

interface Leftovers {
  readonly channels: string[];
  readonly busyAgents: string[];
  readonly members: string[];
  readonly events: ReadonlyMap<string, EventType[]>;
}

async function leftovers(callIds: readonly string[]): Promise<Leftovers> {
  const snapshot = stack.controller.host.snapshot();
  const rows = await stack.controller.database.db.selectFrom('queueEvents').select(['callId', 'event']).where('callId', 'in', [...callIds]).orderBy('id').execute();
  const events = new Map(callIds.map((callId) => [callId, rows.filter((row) => row.callId === callId).map((row) => row.event)]));
  return {
    channels: stack.fs.liveChannels().map((channel) => `${channel.name} ${channel.uuid} ${channel.state}`),
    busyAgents: snapshot.agents.filter((agent) => agent.state !== 'Waiting').map((agent) => `${agent.id} ${agent.state}`),
    members: snapshot.members.map((member) => member.callId),
    events,
  };
}

/** What an earlier failing run left behind is hung up first, so that each run (and each shrink step) stands alone. */
async function clearLeftovers(): Promise<void> {
  for (const channel of stack.fs.liveChannels()) stack.fs.hangupAgent(channel.uuid);
  await pollUntil(
    () => stack.controller.host.snapshot(),
    (snapshot) => snapshot.members.length === 0 && snapshot.agents.every((agent) => agent.state === 'Waiting'),
    SETTLE_MS,
  );
}

const ended = (events: readonly EventType[]): number => events.filter((event) => TERMINAL_EVENT_TYPES.has(event)).length;

test('whatever the order and timing of hang-ups around the bridge, no leg is left up and no agent stuck', async () => {
  await fc.assert(
    fc.asyncProperty(runArb, async (run) => {
      await clearLeftovers();
      random = createRng(run.seed);
      AGENTS.forEach((agentId, i) => stack.fs.setAgentBehaviour(`user/${agentId}@default`, { answerAfterMs: run.answerAfterMs[i] ?? 20 }));
      const from = stack.fs.commands('inbound').length;
      const callIds = await Promise.all(run.calls.map(({ ending, dialAfterMs }) => play(ending, dialAfterMs)));
      const left = await pollUntil(
        () => leftovers(callIds),
        (found) =>
          found.channels.length === 0 && found.busyAgents.length === 0 && found.members.length === 0 && [...found.events.values()].every((events) => ended(events) === 1),
        SETTLE_MS,
      );
      assert.deepEqual(left.channels, [], 'channels left up in FreeSWITCH');
      assert.deepEqual(left.busyAgents, [], 'agents not free');
      assert.deepEqual(left.members, [], 'callers left in the engine');
      for (const [i, callId] of callIds.entries()) {
        const events = left.events.get(callId) ?? [];
        const ending = run.calls[i]?.ending;
        assert.equal(events.filter((event) => event === 'ENTERQUEUE').length, 1, `${callId}: ${events.join(' ')}`);
        assert.equal(ended(events), 1, `${callId} (${JSON.stringify(ending)}): ${events.join(' ')}`);
        const last = events.find((event) => TERMINAL_EVENT_TYPES.has(event));
        if (ending !== undefined && last !== undefined) assert.ok(allowedEnds(ending).has(last), `${callId} (${JSON.stringify(ending)}) ended ${last}`);
      }
      // One hang-up per agent leg from the controller for an ended call, never two.
      const kills = stack.fs.commands('inbound').slice(from).flatMap((record) => /uuid_kill (\S+) NORMAL_CLEARING/.exec(record.command.line)?.[1] ?? []);
      assert.equal(new Set(kills).size, kills.length, `legs killed twice: ${kills.join(' ')}`);
    }),
    { numRuns: 25, includeErrorInReport: true },
  );
});
