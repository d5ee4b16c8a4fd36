// Manual assignment: callers of 'manual' queues wait until an agent asks for one.
import { endWrapUp, setAgentState } from './agents.js';
import type { Ctx } from './context.js';
import { isServing } from './eligibility.js';
import { globallyBefore } from './member-order.js';
import { startOffer } from './offers.js';
import type { EngineError } from './outcome.js';
import type { AgentRt, MemberRt, TierRt } from './state.js';

interface Pick {
  readonly tier: TierRt;
  readonly member: MemberRt;
}

/** What agent-request-call would offer, or the error; changes nothing. */
export function pickManualCall(
  agent: AgentRt,
  callId: string | undefined,
  members: ReadonlyMap<string, MemberRt>,
): Pick | EngineError {
  const id = agent.config.id;
  const tiers = [...agent.tiers.values()].filter((t) => t.queue.config.assignment === 'manual');
  if (tiers.length === 0) return { code: 'not-manual', message: `agent ${id} serves no manual queue` };
  if (!isServing(agent.status) || agent.offer !== null || agent.call !== null) {
    return { code: 'agent-busy', message: `agent ${id} is not free (status ${agent.status}, state ${agent.state})` };
  }
  if (callId !== undefined) {
    const member = members.get(callId);
    if (member === undefined) return { code: 'unknown-call', message: `no caller ${callId} is waiting` };
    const tier = tiers.find((t) => t.queue === member.queue);
    if (tier === undefined || member.connectedTo !== null || member.offers.size > 0) {
      return { code: 'no-caller', message: `caller ${callId} is not waiting in a manual queue of agent ${id}` };
    }
    return { tier, member };
  }
  let best: Pick | null = null;
  for (const tier of tiers) {
    const member = tier.queue.members.find((m) => m.offers.size === 0);
    if (member !== undefined && (best === null || globallyBefore(member, best.member))) best = { tier, member };
  }
  return best ?? { code: 'no-caller', message: `no caller is waiting in the manual queues of agent ${id}` };
}

/** Asking for a call means the agent is ready: wrap-up, Idle and ready-time delays end. */
export function offerManualCall(ctx: Ctx, agent: AgentRt, pick: Pick): void {
  endWrapUp(ctx, agent);
  agent.readyAt = Math.min(agent.readyAt, ctx.now);
  setAgentState(agent, 'Waiting', ctx.now);
  startOffer(ctx, pick.tier, pick.member);
}
