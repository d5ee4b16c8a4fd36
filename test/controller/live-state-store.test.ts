import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentSnapshot, MemberSnapshot } from '../../src/engine/index.js';
import { databaseLiveState } from '../../src/controller/database-store.js';
import { fullChanges, rowChanges, writtenStateOf } from '../../src/controller/live-state-diff.js';
import { openTestDatabase, testBackends } from '../support/databases.js';

const T = Date.UTC(2025, 2, 10, 9, 0, 0, 250);

const agent = (id: string, status: AgentSnapshot['status'], pauseReason: string | null): AgentSnapshot => ({
  id, name: `Agent ${id}`, type: 'dynamic', contact: `user/${id}`, status, pauseReason, state: 'Waiting',
  stateSince: T, statusSince: T - 1000, wrapUpUntil: null, readyAt: T, callsAnswered: 2, talkSeconds: 95.5,
  noAnswerCount: 0, lastOfferedAt: 0, lastBridgeStartAt: 0, lastBridgeEndAt: 0, externalCalls: 0, callId: null, queue: null,
});

const member = (callId: string, position: number | null, state: MemberSnapshot['state']): MemberSnapshot => ({
  callId, queue: 'sales', callerIdNumber: '+3312', callerIdName: 'Ada, "A"', priority: 0, joinedAt: T - (position ?? 0) * 1000,
  position, state, agentId: null, ringingAgentIds: state === 'ringing' ? ['1001', '1002'] : [],
});


for (const backend of testBackends()) {
  describe(`live state on ${backend.name}`, () => {
    test('SELECT answers who is logged in and who is waiting; the next mirror removes who left', async () => {
      const t = await openTestDatabase(backend);
      const { sql } = t.database;
      const live = databaseLiveState(t.database);
      const first = {
        agents: [agent('1001', 'Available', null), agent('1002', 'On Break', 'lunch'), agent('1003', 'Logged Out', null)],
        members: [member('c1', 1, 'ringing'), member('c2', 2, 'waiting')],
      };
      await live.apply(fullChanges(first), T);
      const loggedIn = await sql`select agent_id, status, pause_reason from agent_live where status <> 'Logged Out' order by agent_id`;
      assert.deepEqual([...loggedIn], [
        { agent_id: '1001', status: 'Available', pause_reason: null },
        { agent_id: '1002', status: 'On Break', pause_reason: 'lunch' },
      ]);
      const waiting = await sql<{ call_id: string; position: number; joined_at: Date; ringing_agent_ids: string[] }[]>`
        select call_id, position, joined_at, ringing_agent_ids from caller_live where queue = 'sales' order by position`;
      assert.deepEqual(waiting.map((row) => [row.call_id, row.position, row.joined_at.getTime(), row.ringing_agent_ids]), [
        ['c1', 1, T - 1000, ['1001', '1002']],
        ['c2', 2, T - 2000, []],
      ]);
      const written = writtenStateOf(first);
      const gone = { agents: new Map([['1002', undefined], ['1003', undefined]]), members: new Map([['c1', undefined], ['c2', undefined]]) };
      await live.apply(rowChanges(written, gone), T + 5000);
      const [counts] = await sql<{ agents: string; callers: string }[]>`
        select (select count(*) from agent_live) as agents, (select count(*) from caller_live) as callers`;
      assert.deepEqual(counts, { agents: '1', callers: '0' });
      await t.close();
    });
  });
}
