import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgentSnapshot, MemberSnapshot, Touched } from '../../src/engine/index.js';
import type { LiveStateChanges } from '../../src/controller/live-state-diff.js';
import { LiveStateSync, type LiveStateSource } from '../../src/controller/live-state-sync.js';
import { silentLogger } from '../../src/log.js';

const T = Date.UTC(2026, 0, 5, 9);

const agent = (id: string, status: AgentSnapshot['status'] = 'Available'): AgentSnapshot => ({
  id, name: id, type: 'dynamic', contact: `user/${id}`, status, pauseReason: null, state: 'Waiting',
  stateSince: T, statusSince: T, wrapUpUntil: null, readyAt: T, callsAnswered: 0, talkSeconds: 0, noAnswerCount: 0,
  lastOfferedAt: 0, lastBridgeStartAt: 0, lastBridgeEndAt: 0, externalCalls: 0, callId: null, queue: null,
});

const member = (callId: string, position: number): MemberSnapshot => ({
  callId, queue: 'sales', callerIdNumber: '100', callerIdName: 'Caller', priority: 0, joinedAt: T, position,
  state: 'waiting', agentId: null, ringingAgentIds: [],
});

const touched = (ids: Partial<Record<keyof Touched, string[]>>): Touched => ({
  agentIds: new Set(ids.agentIds),
  callIds: new Set(ids.callIds),
  queues: new Set(ids.queues),
});

/** An engine's rows in maps, counting what the sync reads. */
class Rows implements LiveStateSource {
  readonly agents = new Map<string, AgentSnapshot>();
  readonly members = new Map<string, MemberSnapshot>();
  reads = 0;
  all() {
    return { agents: [...this.agents.values()], members: [...this.members.values()] };
  }
  agent(id: string) {
    this.reads++;
    return this.agents.get(id);
  }
  member(callId: string) {
    this.reads++;
    return this.members.get(callId);
  }
  queueMembers(queue: string) {
    this.reads++;
    return [...this.members.values()].filter((m) => m.queue === queue);
  }
}

function setup() {
  const rows = new Rows();
  const writes: LiveStateChanges[] = [];
  let failNext = false;
  const sink = {
    apply: async (changes: LiveStateChanges) => {
      if (failNext) {
        failNext = false;
        throw new Error('connection lost');
      }
      writes.push(changes);
    },
  };
  const sync = new LiveStateSync(sink, rows, () => T, silentLogger);
  return { rows, writes, sync, failOnce: () => (failNext = true) };
}

describe('live-state sync', () => {
  test('the first write is the whole state; after it, only the touched rows are read and written', async () => {
    const { rows, writes, sync } = setup();
    for (let i = 0; i < 100; i++) rows.agents.set(`a${i}`, agent(`a${i}`));
    rows.members.set('c1', member('c1', 1));
    sync.touch(touched({ agentIds: ['a1'] }));
    await sync.flush();
    assert.equal(writes.length, 1);
    assert.equal(writes[0]?.full, true);
    assert.equal(writes[0]?.agents.length, 100);

    rows.reads = 0;
    rows.agents.set('a7', agent('a7', 'On Break'));
    rows.agents.delete('a8');
    rows.members.delete('c1');
    rows.members.set('c2', member('c2', 1));
    sync.touch(touched({ agentIds: ['a7', 'a8'], callIds: ['c1'], queues: ['sales'] }));
    await sync.flush();
    assert.equal(rows.reads, 4, 'two agents, one caller, one queue');
    assert.deepEqual(writes[1], { full: false, agents: [agent('a7', 'On Break')], members: [member('c2', 1)], goneAgentIds: ['a8'], goneCallIds: ['c1'] });

    await sync.flush();
    assert.equal(writes.length, 2, 'nothing touched: nothing written');
    await sync.stop();
  });

  test('a failed write is retried with the rows it had, and later touches', async () => {
    const { rows, writes, sync, failOnce } = setup();
    rows.agents.set('a1', agent('a1'));
    rows.agents.set('a2', agent('a2'));
    sync.touch(touched({}));
    await sync.flush();
    failOnce();
    rows.agents.set('a1', agent('a1', 'On Break'));
    sync.touch(touched({ agentIds: ['a1'] }));
    await sync.flush();
    assert.equal(writes.length, 1, 'the write failed');
    rows.agents.set('a2', agent('a2', 'Logged Out'));
    sync.touch(touched({ agentIds: ['a2'] }));
    await sync.flush();
    assert.deepEqual(writes[1]?.agents.map((a) => [a.id, a.status]), [['a1', 'On Break'], ['a2', 'Logged Out']]);
    await sync.stop();
  });
});
