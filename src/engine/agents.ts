// Agent status (set by people, or by max-no-answer), state, wrap-up and ready time.
import type { Ctx } from './context.js';
import { isLoggedIn, isServing } from './eligibility.js';
import type { AgentState, AgentStatus } from './model.js';
import { cancelAgentOffer } from './offers.js';
import { countTier, staffingChanged } from './staffing.js';
import { refreshFree } from './free-index.js';
import type { AgentRt } from './state.js';
import { cancelTimer } from './timer-heap.js';

export function setAgentState(agent: AgentRt, state: AgentState, now: number): void {
  if (agent.state === state) return;
  agent.state = state;
  agent.stateSince = now;
  refreshFree(agent, now);
}

/** Not offered before `at` (reject / busy / no-answer / not-registered delays). */
export function setAgentReadyAt(ctx: Ctx, agent: AgentRt, at: number): void {
  agent.readyAt = Math.max(agent.readyAt, at);
  agent.readyTimer = cancelTimer(agent.readyTimer);
  agent.readyTimer = ctx.s.timers.schedule(agent.readyAt, { kind: 'agent-ready', agent });
  refreshFree(agent, ctx.now);
}

/** The ready time has come (its timer). */
export function readyTimeReached(ctx: Ctx, agent: AgentRt): void {
  agent.readyTimer = null;
  refreshFree(agent, ctx.now);
  ctx.dirtyAgents.add(agent);
}

/**
 * Changes the status with its events: AGENTLOGIN (from Logged Out), UNPAUSE (from On Break),
 * AGENTLOGOFF (to Logged Out), PAUSE (to On Break), AGENTSTATUS otherwise. Leaving the serving
 * statuses cancels the agent's ringing offer (status-change).
 */
export function applyStatus(ctx: Ctx, agent: AgentRt, to: AgentStatus, reason: string | null, source: string): void {
  const from = agent.status;
  if (from === to) return;
  const ids = { agentId: agent.config.id };
  const previousReason = agent.pauseReason;
  const previousSince = agent.statusSince;
  for (const tier of agent.tiers.values()) {
    countTier(tier, from, -1);
    countTier(tier, to, 1);
  }
  agent.status = to;
  agent.statusSince = ctx.now;
  agent.pauseReason = to === 'On Break' ? reason : null;
  if (to === 'Available') {
    // mod_callcenter resets the counters whenever the status becomes Available.
    agent.callsAnswered = 0;
    agent.talkSeconds = 0;
    agent.noAnswerCount = 0;
    // Idle only waits for an On Demand agent's "ready"; a plain Available agent takes calls.
    if (agent.state === 'Idle' && agent.call === null) setAgentState(agent, 'Waiting', ctx.now);
  }
  if (from === 'On Break') {
    ctx.event('UNPAUSE', ids, { reason: previousReason, pausedSeconds: ctx.secondsSince(previousSince), source });
  }
  if (from === 'Logged Out') {
    agent.loggedInAt = ctx.now;
    ctx.event('AGENTLOGIN', ids, { status: to, source });
  }
  if (to === 'Logged Out') ctx.event('AGENTLOGOFF', ids, { loggedInSeconds: ctx.secondsSince(agent.loggedInAt), source });
  if (to === 'On Break') ctx.event('PAUSE', ids, { reason, source, noAnswerCount: agent.noAnswerCount });
  if (from !== 'On Break' && from !== 'Logged Out' && to !== 'On Break' && to !== 'Logged Out') {
    ctx.event('AGENTSTATUS', ids, { from, to, source });
  }
  if (!isServing(to) && agent.offer !== null) cancelAgentOffer(ctx, agent.offer, 'status-change');
  refreshFree(agent, ctx.now);
  const loggedInChanged = isLoggedIn(from) !== isLoggedIn(to);
  for (const tier of agent.tiers.values()) staffingChanged(ctx, tier.queue, loggedInChanged);
  ctx.dirtyAgents.add(agent);
}

export function startWrapUp(ctx: Ctx, agent: AgentRt, queue: string, seconds: number): void {
  agent.wrapUpUntil = ctx.now + seconds * 1000;
  agent.wrapUpStartedAt = ctx.now;
  agent.wrapUpQueue = queue;
  agent.wrapUpTimer = ctx.s.timers.schedule(agent.wrapUpUntil, { kind: 'wrap-up-end', agent });
  refreshFree(agent, ctx.now);
  ctx.event('WRAPUPSTART', { queue, agentId: agent.config.id }, { seconds });
}

export function endWrapUp(ctx: Ctx, agent: AgentRt): void {
  if (agent.wrapUpUntil === null) return;
  agent.wrapUpTimer = cancelTimer(agent.wrapUpTimer);
  agent.wrapUpUntil = null;
  refreshFree(agent, ctx.now);
  ctx.event(
    'WRAPUPEND',
    { queue: agent.wrapUpQueue, agentId: agent.config.id },
    { wrapSeconds: ctx.secondsSince(agent.wrapUpStartedAt) },
  );
  ctx.dirtyAgents.add(agent);
}

/** agent-ready: ends wrap-up early; an Idle agent (after an On Demand call) becomes Waiting. */
export function agentReady(ctx: Ctx, agent: AgentRt): void {
  endWrapUp(ctx, agent);
  if (agent.state === 'Idle' && agent.call === null && agent.offer === null) setAgentState(agent, 'Waiting', ctx.now);
  ctx.dirtyAgents.add(agent);
}

export function externalCall(ctx: Ctx, agent: AgentRt, active: boolean): void {
  agent.externalCalls = Math.max(0, agent.externalCalls + (active ? 1 : -1));
  ctx.dirtyAgents.add(agent);
}
