import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildStatusReport, NO_FIGURES } from '../../src/api/status-report.js';
import { statusText } from '../../src/cli/commands/status.js';
import type { AgentSnapshot, MemberSnapshot } from '../../src/engine/index.js';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

function agent(id: string, status: AgentSnapshot['status'], state: AgentSnapshot['state'], secondsAgo: number): AgentSnapshot {
  return {
    id, name: id, type: 'dynamic', contact: `user/${id}`, status, pauseReason: status === 'On Break' ? 'lunch' : null, state,
    stateSince: NOW - secondsAgo * 1000, statusSince: NOW - 3_600_000, wrapUpUntil: null, readyAt: 0, callsAnswered: 0,
    talkSeconds: 0, noAnswerCount: 0, lastOfferedAt: 0, lastBridgeStartAt: 0, lastBridgeEndAt: 0, externalCalls: 0, callId: null, queue: null,
  };
}

function member(callId: string, queue: string, position: number | null, state: MemberSnapshot['state'], secondsAgo: number): MemberSnapshot {
  return {
    callId, queue, callerIdNumber: `+33${callId}`, callerIdName: callId, priority: 0, joinedAt: NOW - secondsAgo * 1000,
    position, state, agentId: state === 'connected' ? 'a1' : null, ringingAgentIds: [],
  };
}

test('per queue: callers in line order with their wait, logged-in tiered agents by level/position with time in state', () => {
  const report = buildStatusReport({
    snapshot: {
      queues: [],
      agents: [agent('a1', 'Available', 'In a queue call', 95), agent('a2', 'On Break', 'Waiting', 30), agent('a3', 'Logged Out', 'Waiting', 5), agent('a4', 'Available', 'Waiting', 1)],
      members: [member('c3', 'support', null, 'connected', 300), member('c2', 'support', 2, 'waiting', 40), member('c1', 'support', 1, 'ringing', 61), member('x', 'sales', 1, 'waiting', 3)],
    },
    queues: ['support', 'sales'],
    tiers: [
      { queue: 'support', agentId: 'a2', level: 2, position: 1 },
      { queue: 'support', agentId: 'a1', level: 1, position: 5 },
      { queue: 'support', agentId: 'a3', level: 1, position: 1 },
      { queue: 'sales', agentId: 'a4', level: 1, position: 1 },
    ],
    today: new Map([['support', { offered: 12, answered: 10, abandoned: 1, serviceLevelPct: 90 }]]),
    serviceLevelSeconds: 20,
    now: NOW,
    live: true,
  });
  const [support, sales] = report.queues;
  assert.deepEqual(support?.callers.map((c) => [c.callId, c.position, c.state, c.waitSeconds]), [
    ['c1', 1, 'ringing', 61],
    ['c2', 2, 'waiting', 40],
    ['c3', null, 'connected', 300],
  ]);
  // a3 is Logged Out: not shown; a4 serves only sales.
  assert.deepEqual(support?.agents.map((a) => [a.id, a.status, a.pauseReason, a.state, a.secondsInState]), [
    ['a1', 'Available', null, 'In a queue call', 95],
    ['a2', 'On Break', 'lunch', 'Waiting', 30],
  ]);
  assert.deepEqual(support?.today, { offered: 12, answered: 10, abandoned: 1, serviceLevelPct: 90 });
  assert.deepEqual(sales?.agents.map((a) => a.id), ['a4']);
  assert.deepEqual(sales?.today, NO_FIGURES);
  assert.equal(report.at, '2026-11-21T10:00:00.000Z');
});

test('the status text shows each queue line, its callers and its agents', () => {
  const text = statusText(
    buildStatusReport({
      snapshot: { queues: [], agents: [agent('a2', 'On Break', 'Waiting', 75)], members: [member('c1', 'support', 1, 'waiting', 3725)] },
      queues: ['support'],
      tiers: [{ queue: 'support', agentId: 'a2', level: 1, position: 1 }],
      today: new Map(),
      serviceLevelSeconds: 20,
      now: NOW,
      live: false,
    }),
  );
  assert.match(text, /\(saved state: no controller running\)/);
  assert.match(text, /^queue support: 1 callers, 1 agents logged in; today offered 0, answered 0, abandoned 0, service level - \(within 20 s\)$/m);
  assert.match(text, /^1 +\+33c1 +c1 +waiting +1h02m +-$/m);
  assert.match(text, /^a2 +On Break +lunch +Waiting +1:15 +1 +1$/m);
});
