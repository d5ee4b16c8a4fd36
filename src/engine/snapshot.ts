// What the engine shows of its state: all of it (O(n): for APIs and tests, not the hot path), or one row.
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

/** One agent's row; undefined when there is no such agent. */
export function agentSnapshotOf(s: EngineState, agentId: string): AgentSnapshot | undefined {
  const agent = s.agents.get(agentId);
  return agent === undefined ? undefined : agentSnapshot(agent);
}

/** One caller's row as snapshotOf shows it; undefined when it shows none. */
export function memberSnapshotOf(s: EngineState, callId: string): MemberSnapshot | undefined {
  const member = s.members.get(callId);
  if (member === undefined) return undefined;
  if (member.connectedTo !== null) return memberSnapshot(member, null);
  const index = member.queue.members.indexOf(member);
  return index < 0 ? undefined : memberSnapshot(member, index + 1);
}

/** The rows of a queue's callers not yet connected, in service order; [] for an unknown queue. */
export function queueMemberSnapshotsOf(s: EngineState, queue: string): MemberSnapshot[] {
  return s.queues.get(queue)?.members.map((member, i) => memberSnapshot(member, i + 1)) ?? [];
}
