// What the engine shows of its state (O(n): for APIs and tests, not the hot path).
import { estimatedWaitSeconds, freeAgents } from './estimated-wait.js';
import type { AgentSnapshot, EngineSnapshot, MemberSnapshot, QueueSnapshot } from './outcome.js';
import type { AgentRt, EngineState, MemberRt, QueueRt } from './state.js';

function queueSnapshot(q: QueueRt, now: number): QueueSnapshot {
  const free = freeAgents(q);
  let longest = 0;
  for (const m of q.members) longest = Math.max(longest, (now - m.joinedAt) / 1000);
  return {
    name: q.name,
    waiting: q.members.length,
    connected: q.connected,
    loggedInAgents: q.loggedIn,
    availableAgents: free,
    longestWaitSeconds: longest,
    estimatedWaitSeconds: estimatedWaitSeconds(q.members.length + 1, q.serving, free, q.handleSeconds),
    answered: q.answered,
    abandoned: q.abandoned,
  };
}

function agentSnapshot(a: AgentRt): AgentSnapshot {
  const member = a.offer?.member ?? a.call;
  return {
    id: a.config.id,
    name: a.config.name,
    type: a.config.type,
    contact: a.config.contact,
    status: a.status,
    pauseReason: a.pauseReason,
    state: a.state,
    stateSince: a.stateSince,
    statusSince: a.statusSince,
    wrapUpUntil: a.wrapUpUntil,
    readyAt: a.readyAt,
    callsAnswered: a.callsAnswered,
    talkSeconds: a.talkSeconds,
    noAnswerCount: a.noAnswerCount,
    lastOfferedAt: a.lastOfferedAt,
    lastBridgeStartAt: a.lastBridgeStartAt,
    lastBridgeEndAt: a.lastBridgeEndAt,
    externalCalls: a.externalCalls,
    callId: member?.callId ?? null,
    queue: member?.queue.name ?? null,
  };
}

function memberSnapshot(m: MemberRt, position: number | null): MemberSnapshot {
  return {
    callId: m.callId,
    queue: m.queue.name,
    callerIdNumber: m.callerIdNumber,
    callerIdName: m.callerIdName,
    priority: m.priority,
    joinedAt: m.joinedAt,
    position,
    state: m.connectedTo !== null ? 'connected' : m.offers.size > 0 ? 'ringing' : 'waiting',
    agentId: m.connectedTo?.config.id ?? null,
    ringingAgentIds: [...m.offers.keys()],
  };
}

export function snapshotOf(s: EngineState, now: number): EngineSnapshot {
  const members: MemberSnapshot[] = [];
  for (const q of s.queues.values()) q.members.forEach((m, i) => members.push(memberSnapshot(m, i + 1)));
  for (const m of s.members.values()) if (m.connectedTo !== null) members.push(memberSnapshot(m, null));
  return {
    queues: [...s.queues.values()].map((q) => queueSnapshot(q, now)),
    agents: [...s.agents.values()].map(agentSnapshot),
    members,
  };
}
