import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentSnapshot, MemberSnapshot } from '../../src/engine/index.js';
import { fullChanges, isEmpty, recordWritten, rowChanges, writtenStateOf, type RowsRead } from '../../src/controller/live-state-diff.js';

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

const rows = (agents: AgentSnapshot[], members: MemberSnapshot[]) => ({ agents, members });
const read = (agents: [string, AgentSnapshot | undefined][], members: [string, MemberSnapshot | undefined][]): RowsRead => ({
  agents: new Map(agents),
  members: new Map(members),
});

describe('live-state changes', () => {
  test('the first write is full: every row, nothing listed as gone', () => {
    const changes = fullChanges(rows([agent('a1'), agent('a2')], [member('c1')]));
    assert.equal(changes.full, true);
    assert.deepEqual(changes.agents.map((a) => a.id), ['a1', 'a2']);
    assert.deepEqual(changes.members.map((m) => m.callId), ['c1']);
    assert.equal(isEmpty(changes), false);
  });

  test('rows read again unchanged write nothing, even as fresh snapshot objects', () => {
    const written = writtenStateOf(rows([agent('a1')], [member('c1', { ringingAgentIds: ['a1'] })]));
    const changes = rowChanges(written, read([['a1', agent('a1')]], [['c1', member('c1', { ringingAgentIds: ['a1'] })]]));
    assert.equal(isEmpty(changes), true);
  });

  test('of the rows read again: the changed, the new and the gone; rows not read are left as they are', () => {
    const written = writtenStateOf(rows([agent('a1'), agent('a2'), agent('a3')], [member('c1'), member('c2', { position: 2 })]));
    const again = read(
      [['a2', agent('a2', { state: 'In a queue call', callId: 'c1', queue: 'sales' })], ['a3', undefined], ['a4', agent('a4')], ['a9', undefined]],
      [['c1', member('c1', { state: 'connected', position: null, agentId: 'a2' })], ['c2', undefined], ['c3', member('c3', { position: 2 })]],
    );
    const changes = rowChanges(written, again);
    assert.equal(changes.full, false);
    assert.deepEqual(changes.agents.map((a) => a.id), ['a2', 'a4']);
    assert.deepEqual(changes.goneAgentIds, ['a3'], 'a9 was never written: nothing to delete');
    assert.deepEqual(changes.members.map((m) => m.callId), ['c1', 'c3']);
    assert.deepEqual(changes.goneCallIds, ['c2']);
    recordWritten(written, again);
    assert.deepEqual([...written.agents.keys()].sort(), ['a1', 'a2', 'a4']);
    assert.deepEqual([...written.members.keys()].sort(), ['c1', 'c3']);
    assert.equal(written.agents.get('a2')?.callId, 'c1');
  });

  test('a changed list of ringing agents is a change', () => {
    const written = writtenStateOf(rows([], [member('c1', { ringingAgentIds: ['a1'] })]));
    const changes = rowChanges(written, read([], [['c1', member('c1', { ringingAgentIds: ['a2'] })]]));
    assert.deepEqual(changes.members.map((m) => m.ringingAgentIds), [['a2']]);
  });
});
