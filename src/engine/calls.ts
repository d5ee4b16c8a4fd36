// A connected queue call ends (hang-up or transfer): agent bookkeeping and wrap-up.
import type { Ctx } from './context.js';
import type { EventType } from './events.js';
import { setAgentState, startWrapUp } from './agents.js';
import { forgetCall } from './callers.js';
import { recordHandleTime } from './estimated-wait.js';
import type { MemberRt } from './state.js';

export type CallEnd = Extract<EventType, 'COMPLETEAGENT' | 'COMPLETECALLER' | 'TRANSFER' | 'BLINDTRANSFER'>;

export function callEnded(ctx: Ctx, member: MemberRt, end: CallEnd, target: string | null): void {
  const agent = member.connectedTo;
  if (agent === null) return;
  const queue = member.queue;
  const talkSeconds = ctx.secondsSince(member.connectedAt);
  const wrapSeconds = agent.config.wrapUpSeconds ?? queue.config.wrapUpSeconds;
  const waitSeconds = (member.connectedAt - member.enteredAt) / 1000;
  const originalPosition = member.originalPosition;
  ctx.event(
    end,
    { callId: member.callId, queue: queue.name, agentId: agent.config.id },
    // Two literals rather than a spread: this runs once per answered call.
    target === null
      ? { waitSeconds, talkSeconds, originalPosition }
      : { target, waitSeconds, talkSeconds, originalPosition },
  );
  queue.connected--;
  recordHandleTime(queue, talkSeconds + wrapSeconds);
  forgetCall(ctx, member);
  agent.call = null;
  agent.talkSeconds += talkSeconds;
  agent.lastBridgeEndAt = ctx.now;
  if (agent.removed) return;
  // Wrap-up first: the agent must not count as free in between.
  if (wrapSeconds > 0) startWrapUp(ctx, agent, queue.name, wrapSeconds);
  setAgentState(agent, agent.onDemandAtOffer ? 'Idle' : 'Waiting', ctx.now);
  ctx.dirtyAgents.add(agent);
}
