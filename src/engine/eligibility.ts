// Agent eligibility (mod_callcenter §3.4), except the tier gate which depends on the caller.
import type { AgentStatus } from './model.js';
import type { AgentRt, QueueRt } from './state.js';

export function isLoggedIn(status: AgentStatus): boolean {
  return status !== 'Logged Out';
}

/** Statuses that are offered calls. */
export function isServing(status: AgentStatus): boolean {
  return status === 'Available' || status === 'Available (On Demand)';
}

/** Free for any queue: serving status, Waiting, out of wrap-up and past its ready time. */
export function agentFree(agent: AgentRt, now: number): boolean {
  return (
    !agent.removed &&
    isServing(agent.status) &&
    agent.state === 'Waiting' &&
    agent.wrapUpUntil === null &&
    agent.readyAt <= now
  );
}

/** The queue's external-call rule (skip-agents-with-external-calls). */
export function takesQueueCalls(agent: AgentRt, queue: QueueRt): boolean {
  return !(queue.config.skipAgentsWithExternalCalls && agent.externalCalls > 0);
}
