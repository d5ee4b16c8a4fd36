import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentSnapshot, EngineSnapshot, MemberSnapshot } from '../../src/engine/index.js';
import { isEmpty, liveStateChanges, writtenStateOf } from '../../src/controller/live-state-diff.js';

const T = Date.UTC(2026, 0, 5, 9);

function agent(id: string, change: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return {
    id, name: id, type: 'dynamic', contact: `user/${id}@default`, status: 'Available', pauseReason: null, state: 'Waiting',
    stateSince: T, statusSince: T, wrapUpUntil: null, readyAt: T, callsAnswered: 0, talkSeconds: 0, noAnswerCount: 0,
    lastOfferedAt: 0, lastBridgeStartAt: 0, lastBridgeEndAt: 0, externalCalls: 0, callId: null, queue: null,
    ...change,
  };
}

function member(callId: string, change: Partial<MemberSnapshot> = {}): MemberSnapshot {
  return {
    callId, queue: 'sales', callerIdNumber: '100', callerIdName: 'Caller', priority: 0, joinedAt: T, position: 1,
    state: 'waiting', agentId: null, ringingAgentIds: [], ...change,
  };
}

const state = (agents: AgentSnapshot[], members: MemberSnapshot[]): EngineSnapshot => ({ queues: [], agents, members });

describe('live-state changes', () => {
  test('the first write is full: every row, nothing listed as gone', () => {
    const changes = liveStateChanges(null, writtenStateOf(state([agent('a1'), agent('a2')], [member('c1')])));
    assert.equal(changes.full, true);
    assert.deepEqual(changes.agents.map((a) => a.id), ['a1', 'a2']);
    assert.deepEqual(changes.members.map((m) => m.callId), ['c1']);
    assert.equal(isEmpty(changes), false);
  });

  test('an unchanged state writes nothing, even from fresh snapshot objects', () => {
    const before = writtenStateOf(state([agent('a1')], [member('c1', { ringingAgentIds: ['a1'] })]));
    const changes = liveStateChanges(before, writtenStateOf(state([agent('a1')], [member('c1', { ringingAgentIds: ['a1'] })])));
    assert.equal(isEmpty(changes), true);
  });

  test('only the changed, new and gone rows', () => {
    const before = writtenStateOf(state([agent('a1'), agent('a2'), agent('a3')], [member('c1'), member('c2', { position: 2 })]));
    const after = writtenStateOf(
      state(
        [agent('a1'), agent('a2', { state: 'In a queue call', callId: 'c1', queue: 'sales' }), agent('a4')],
        [member('c1', { state: 'connected', position: null, agentId: 'a2' }), member('c3', { position: 2 })],
      ),
    );
    const changes = liveStateChanges(before, after);
    assert.equal(changes.full, false);
    assert.deepEqual(changes.agents.map((a) => a.id), ['a2', 'a4']);
    assert.deepEqual(changes.goneAgentIds, ['a3']);
    assert.deepEqual(changes.members.map((m) => m.callId), ['c1', 'c3']);
    assert.deepEqual(changes.goneCallIds, ['c2']);
  });

  test('a changed list of ringing agents is a change', () => {
    const before = writtenStateOf(state([], [member('c1', { ringingAgentIds: ['a1'] })]));
    const changes = liveStateChanges(before, writtenStateOf(state([], [member('c1', { ringingAgentIds: ['a2'] })])));
    assert.deepEqual(changes.members.map((m) => m.ringingAgentIds), [['a2']]);
  });
});
