// Live configuration: queues, agents and tiers added, changed and removed.
import type { Ctx } from './context.js';
import type { Input } from './inputs.js';
import type { QueueConfig, TierConfig } from './model.js';
import { applyStatus } from './agents.js';
import { exitMember } from './callers.js';
import { cancelAgentOffer } from './offers.js';
import { insertSorted, removeSorted } from './sorted.js';
import { applyLeavePolicy, applyNoAgentRule, countTier, staffingChanged } from './staffing.js';
import type { AgentRt, QueueRt, TierRt } from './state.js';
import { cancelTimer } from './timer-heap.js';
import { indexTier, refreshFree } from './free-index.js';
import { isLoggedIn } from './eligibility.js';
import { tierBefore } from './tier-order.js';

export function upsertQueue(ctx: Ctx, config: QueueConfig): void {
  const existing = ctx.s.queues.get(config.name);
  if (existing === undefined) {
    ctx.s.queues.set(config.name, {
      config,
      name: config.name,
      members: [],
      tiers: [],
      freeTiers: [],
      connected: 0,
      loggedIn: 0,
      serving: 0,
      loggedInByLevel: new Map(),
      levelsCache: null,
      noAgentSince: -Infinity, // mod_callcenter starts last_agent_exist at 0
      noAgentTimer: null,
      lastRung: null,
      handleSeconds: config.defaultHandleSeconds,
      answered: 0,
      abandoned: 0,
      abandonedCallers: new Map(),
    });
    return;
  }
  existing.config = config;
  for (const member of existing.members) ctx.dirtyMembers.add(member);
  for (const tier of existing.tiers) ctx.dirtyAgents.add(tier.agent);
  applyNoAgentRule(ctx, existing);
  applyLeavePolicy(ctx, existing);
}

/** Waiting callers leave (EXITEMPTY queue-removed); connected calls go on to their end. */
export function removeQueue(ctx: Ctx, queue: QueueRt): void {
  const destination = queue.config.emptyDestination;
  for (const member of [...queue.members]) {
    exitMember(
      ctx,
      member,
      'EXITEMPTY',
      { reason: 'queue-removed', destination, cancelReason: 'NONE' },
      { reason: 'queue-removed', destination },
      'removed',
    );
  }
  ctx.s.queues.delete(queue.name);
  for (const tier of [...queue.tiers]) removeTier(ctx, tier);
  queue.noAgentTimer = cancelTimer(queue.noAgentTimer);
  for (const abandoned of queue.abandonedCallers.values()) cancelTimer(abandoned.timer);
}

type AgentUpserted = Extract<Input, { kind: 'agent-upserted' }>;

export function upsertAgent(ctx: Ctx, input: AgentUpserted): void {
  const config = input.agent;
  const existing = ctx.s.agents.get(config.id);
  if (existing !== undefined) {
    existing.config = config;
    if (config.type === 'static' && existing.status === 'Logged Out') applyStatus(ctx, existing, 'Available', null, 'config');
    ctx.dirtyAgents.add(existing);
    return;
  }
  const fallback = config.type === 'static' ? 'Available' : 'Logged Out';
  const restored = input.restoreStatus ?? fallback;
  const status = config.type === 'static' && restored === 'Logged Out' ? 'Available' : restored;
  const now = ctx.now;
  const agent: AgentRt = {
    config,
    status,
    pauseReason: status === 'On Break' ? (input.restorePauseReason ?? null) : null,
    state: 'Waiting',
    stateSince: now,
    statusSince: now,
    loggedInAt: now,
    wrapUpUntil: null,
    wrapUpStartedAt: 0,
    wrapUpQueue: null,
    readyAt: 0,
    callsAnswered: 0,
    talkSeconds: 0,
    noAnswerCount: 0,
    lastOfferedAt: 0,
    lastBridgeStartAt: 0,
    lastBridgeEndAt: 0,
    externalCalls: 0,
    offer: null,
    call: null,
    onDemandAtOffer: false,
    tiers: new Map(),
    removed: false,
    free: false,
    wrapUpTimer: null,
    readyTimer: null,
    dirty: false,
  };
  ctx.s.agents.set(config.id, agent);
  refreshFree(agent, now);
  ctx.dirtyAgents.add(agent);
}

/** The ring is cancelled (removed); a connected call goes on to its end. */
export function removeAgent(ctx: Ctx, agent: AgentRt): void {
  if (agent.offer !== null) cancelAgentOffer(ctx, agent.offer, 'removed');
  for (const tier of [...agent.tiers.values()]) removeTier(ctx, tier);
  agent.removed = true;
  refreshFree(agent, ctx.now);
  agent.wrapUpTimer = cancelTimer(agent.wrapUpTimer);
  agent.readyTimer = cancelTimer(agent.readyTimer);
  ctx.dirtyAgents.delete(agent);
  ctx.s.agents.delete(agent.config.id);
}

export function upsertTier(ctx: Ctx, queue: QueueRt, agent: AgentRt, config: TierConfig): void {
  const existing = agent.tiers.get(queue.name);
  if (existing !== undefined) {
    countTier(existing, agent.status, -1);
    indexTier(existing, false);
    removeSorted(queue.tiers, existing, tierBefore);
    existing.level = config.level;
    existing.position = config.position;
    insertSorted(queue.tiers, existing, tierBefore);
    indexTier(existing, true);
    countTier(existing, agent.status, 1);
  } else {
    const tier: TierRt = { queue, agent, level: config.level, position: config.position, answeredAt: [] };
    insertSorted(queue.tiers, tier, tierBefore);
    agent.tiers.set(queue.name, tier);
    indexTier(tier, true);
    countTier(tier, agent.status, 1);
    ctx.event('ADDMEMBER', { queue: queue.name, agentId: agent.config.id }, { level: tier.level, position: tier.position });
  }
  staffingChanged(ctx, queue, isLoggedIn(agent.status));
  ctx.dirtyAgents.add(agent);
}

export function removeTier(ctx: Ctx, tier: TierRt): void {
  const { queue, agent } = tier;
  if (agent.offer !== null && agent.offer.member.queue === queue) cancelAgentOffer(ctx, agent.offer, 'removed');
  countTier(tier, agent.status, -1);
  indexTier(tier, false);
  removeSorted(queue.tiers, tier, tierBefore);
  agent.tiers.delete(queue.name);
  ctx.event('REMOVEMEMBER', { queue: queue.name, agentId: agent.config.id }, { level: tier.level, position: tier.position });
  if (ctx.s.queues.has(queue.name)) staffingChanged(ctx, queue, isLoggedIn(agent.status));
}
