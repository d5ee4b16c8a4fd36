// What each engine deadline does when it comes.
import { announceDue, playDue } from './announcements.js';
import { maxWaitReached } from './callers.js';
import type { Ctx } from './context.js';
import { endWrapUp, readyTimeReached } from './agents.js';
import { ringTimedOut } from './offers.js';
import { applyNoAgentRule } from './staffing.js';
import type { TimerAction } from './state.js';

export function fireDueTimers(ctx: Ctx): void {
  for (let action = ctx.s.timers.popDue(ctx.now); action !== null; action = ctx.s.timers.popDue(ctx.now)) {
    fire(ctx, action);
  }
}

function fire(ctx: Ctx, action: TimerAction): void {
  switch (action.kind) {
    case 'ring-timeout':
      action.offer.timer = null;
      ringTimedOut(ctx, action.offer);
      return;
    case 'agent-ready':
      readyTimeReached(ctx, action.agent);
      return;
    case 'wrap-up-end':
      action.agent.wrapUpTimer = null;
      endWrapUp(ctx, action.agent);
      return;
    case 'max-wait':
      maxWaitReached(ctx, action.member);
      return;
    case 'no-agent':
      action.queue.noAgentTimer = null;
      applyNoAgentRule(ctx, action.queue);
      return;
    case 'gate':
      action.member.timers.gate = null;
      ctx.dirtyMembers.add(action.member);
      return;
    case 'progressive':
      action.member.timers.progressive = null;
      ctx.dirtyMembers.add(action.member);
      return;
    case 'announce':
      announceDue(ctx, action.member);
      return;
    case 'play':
      playDue(ctx, action.member);
      return;
    case 'discard-abandoned':
      action.queue.abandonedCallers.delete(action.callerIdNumber);
      return;
  }
}
