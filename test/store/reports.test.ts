import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { EventType, EventValue, QueueEvent } from '../../src/engine/index.js';
import { insertEvents } from '../../src/store/insert-events.js';
import { runReport, unknownNames, type ReportQuery } from '../../src/store/reports.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';

// A seeded day (2025-03-10, UTC) on queue "sales"; every expected figure below is worked out by
// hand from these events.
const at = (time: string): number => Date.parse(`2025-03-10T${time}Z`);
const e = (time: string, type: EventType, callId: string | null, agentId: string | null, data: Record<string, EventValue> = {}, queue: string | null = 'sales'): QueueEvent =>
  ({ type, at: at(time), callId, queue, agentId, data });

const DAY: QueueEvent[] = [
  e('08:00:00', 'AGENTLOGIN', null, 'a1', {}, null),
  e('09:00:00', 'AGENTLOGIN', null, 'a2', {}, null),
  // c1: answered by a2 after a1 did not answer; wait 15 s, talk 300 s, wrap 30 s
  e('09:00:00', 'ENTERQUEUE', 'c1', null, { callerIdNumber: '+3312' }),
  e('09:00:02', 'OFFER', 'c1', 'a1'),
  e('09:00:12', 'RINGNOANSWER', 'c1', 'a1', { ringMs: 10000 }),
  e('09:00:12', 'OFFER', 'c1', 'a2'),
  e('09:00:15', 'CONNECT', 'c1', 'a2'),
  e('09:05:15', 'COMPLETECALLER', 'c1', 'a2', { talkSeconds: 300 }),
  e('09:05:15', 'WRAPUPSTART', 'c1', 'a2', { seconds: 30 }),
  e('09:05:45', 'WRAPUPEND', 'c1', 'a2', { wrapSeconds: 30 }),
  // c2: a2 rejects, a1 answers; wait 30 s, talk 120 s
  e('09:10:00', 'ENTERQUEUE', 'c2', null),
  e('09:10:05', 'OFFER', 'c2', 'a2'),
  e('09:10:08', 'RINGREJECTED', 'c2', 'a2'),
  e('09:10:25', 'OFFER', 'c2', 'a1'),
  e('09:10:30', 'CONNECT', 'c2', 'a1'),
  e('09:12:30', 'COMPLETEAGENT', 'c2', 'a1', { talkSeconds: 120 }),
  // c3: short abandon (3 s); c4: abandon after 40 s; c5: timeout after 60 s; c6: refused (full)
  e('09:20:00', 'ENTERQUEUE', 'c3', null),
  e('09:20:03', 'ABANDON', 'c3', null),
  e('09:30:00', 'ENTERQUEUE', 'c4', null),
  e('09:30:40', 'ABANDON', 'c4', null),
  e('09:40:00', 'ENTERQUEUE', 'c5', null),
  e('09:41:00', 'EXITWITHTIMEOUT', 'c5', null),
  e('09:50:00', 'FULL', 'c6', null),
  // c7: answered by a1 after 10 s, blind-transferred after 60 s of talk
  e('10:00:00', 'ENTERQUEUE', 'c7', null),
  e('10:00:05', 'OFFER', 'c7', 'a1'),
  e('10:00:10', 'CONNECT', 'c7', 'a1'),
  e('10:01:10', 'BLINDTRANSFER', 'c7', 'a1', { talkSeconds: 60, target: '2000' }),
  // a1: lunch 11:00-11:30, break 12:00 until logging off at 12:10; a2 stays logged in
  e('11:00:00', 'PAUSE', null, 'a1', { reason: 'lunch' }, null),
  e('11:30:00', 'UNPAUSE', null, 'a1', { reason: 'lunch' }, null),
  e('12:00:00', 'PAUSE', null, 'a1', { reason: 'break' }, null),
  e('12:10:00', 'AGENTLOGOFF', null, 'a1', {}, null),
];

const query = (overrides: Partial<ReportQuery> = {}): ReportQuery => ({
  from: new Date('2025-03-10T00:00:00Z'),
  to: new Date('2025-03-11T00:00:00Z'),
  queues: [],
  agents: [],
  events: [],
  callIds: [],
  slThresholdSeconds: 20,
  shortAbandonSeconds: 5,
  interval: 'period',
  timeZone: 'UTC',
  ...overrides,
});

/** numeric columns arrive as strings: compare as numbers. */
const num = (value: unknown): number | null => (value === null ? null : Number(value));

for (const backend of testBackends()) {
  describe(`reports on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase(backend);
      await insertEvents(t.database.sql, DAY.map((event, i) => ({ eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, event })));
    });
    after(() => t.close());

    test('calls: one row per call × queue visit with outcome, wait, talk, agent, ring-no-answers', async () => {
      const { rows } = await runReport(t.database.sql, 'calls', query());
      const byCall = new Map(rows.map((row) => [row['call_id'], row]));
      assert.equal(rows.length, 7);
      const c1 = byCall.get('c1');
      assert.equal(c1?.['outcome'], 'answered');
      assert.equal(c1?.['agent_id'], 'a2');
      assert.equal(num(c1?.['wait_seconds']), 15);
      assert.equal(num(c1?.['talk_seconds']), 300);
      assert.equal(num(c1?.['wrap_seconds']), 30);
      assert.equal(num(c1?.['ring_no_answers']), 1);
      assert.equal(num(c1?.['offers']), 2);
      assert.equal(c1?.['caller_id_number'], '+3312');
      assert.deepEqual(rows.map((row) => [row['call_id'], row['outcome']]), [
        ['c1', 'answered'], ['c2', 'answered'], ['c3', 'abandoned'], ['c4', 'abandoned'],
        ['c5', 'timeout'], ['c6', 'full'], ['c7', 'answered'],
      ]);
      assert.equal(byCall.get('c7')?.['transfer_target'], '2000');
      assert.equal(num(byCall.get('c7')?.['transfers']), 1);
      const onlyA1 = await runReport(t.database.sql, 'calls', query({ agents: ['a1'] }));
      assert.deepEqual(onlyA1.rows.map((row) => row['call_id']), ['c2', 'c7']);
    });

    test('queues: counts, the three service levels, ASA, AHT, talk, longest wait over the day', async () => {
      const { rows } = await runReport(t.database.sql, 'queues', query());
      assert.equal(rows.length, 1);
      const q = rows[0] ?? {};
      const figures = Object.fromEntries(
        ['offered', 'answered', 'abandoned', 'short_abandoned', 'timed_out', 'exited_empty', 'refused',
          'sl_answered_pct', 'sl2_pct', 'sl_inclusive_pct', 'abandon_rate_pct', 'asa_seconds', 'aht_seconds',
          'avg_talk_seconds', 'avg_abandon_seconds', 'longest_wait_seconds', 'ring_no_answers'].map((k) => [k, num(q[k])]),
      );
      assert.deepEqual(figures, {
        offered: 6, answered: 3, abandoned: 2, short_abandoned: 1, timed_out: 1, exited_empty: 0, refused: 1,
        sl_answered_pct: 66.67, // c1 15 s, c7 10 s of 3 answered
        sl2_pct: 60, // (2 answered + c3 abandoned within 20 s) / 5
        sl_inclusive_pct: 40, // 2 / (3 + 2 - 1 short + 1 timeout)
        abandon_rate_pct: 20, // c4 / (6 offered - 1 short)
        asa_seconds: 18.333, // (15 + 30 + 10) / 3
        aht_seconds: 170, // ((300 + 30) + 120 + 60) / 3
        avg_talk_seconds: 160,
        avg_abandon_seconds: 40,
        longest_wait_seconds: 60,
        ring_no_answers: 1,
      });
    });

    test('queues by hour: calls fall in the bucket they entered', async () => {
      const { rows } = await runReport(t.database.sql, 'queues', query({ interval: 'hour', slThresholdSeconds: 30 }));
      assert.deepEqual(rows.map((row) => [(row['bucket_start'] as Date).toISOString(), num(row['offered']), num(row['answered']), num(row['sl_answered_pct'])]), [
        ['2025-03-10T09:00:00.000Z', 5, 2, 100],
        ['2025-03-10T10:00:00.000Z', 1, 1, 100],
      ]);
    });

    test('agents: calls, talk, wrap, ring-no-answers, rejects, logged-in and pause time by reason', async () => {
      const { rows } = await runReport(t.database.sql, 'agents', query());
      const pick = (row: Record<string, unknown> | undefined) => ({
        offers: num(row?.['offers']), calls: num(row?.['calls']), talk: num(row?.['talk_seconds']),
        wrap: num(row?.['wrap_seconds']), rna: num(row?.['ring_no_answers']), rejects: num(row?.['rejects']),
        loggedIn: num(row?.['logged_in_seconds']), pause: num(row?.['pause_seconds']),
        byReason: row?.['pause_by_reason'], occupancy: num(row?.['occupancy_pct']), utilization: num(row?.['utilization_pct']),
      });
      assert.deepEqual(rows.map((row) => row['agent_id']), ['a1', 'a2']);
      assert.deepEqual(pick(rows[0]), {
        offers: 3, calls: 2, talk: 180, wrap: 0, rna: 1, rejects: 0,
        loggedIn: 15000, pause: 2400, byReason: { break: 600, lunch: 1800 }, // 08:00-12:10; 30 + 10 min
        occupancy: 1.43, utilization: 1.2, // 180 / (15000 - 2400), 180 / 15000
      });
      assert.deepEqual(pick(rows[1]), {
        offers: 2, calls: 1, talk: 300, wrap: 30, rna: 0, rejects: 1,
        loggedIn: 54000, pause: 0, byReason: {}, // 09:00 to the end of the period
        occupancy: 0.61, utilization: 0.61, // 330 / 54000
      });
    });

    test('events: filtered by event type and call id, in log order', async () => {
      const { rows } = await runReport(t.database.sql, 'events', query({ events: ['OFFER', 'CONNECT'], callIds: ['c1'] }));
      assert.deepEqual(rows.map((row) => [row['event'], row['agent_id']]), [['OFFER', 'a1'], ['OFFER', 'a2'], ['CONNECT', 'a2']]);
    });

    test('unknown queue or agent names are reported', async () => {
      assert.deepEqual(await unknownNames(t.database.sql, 'queue', ['sales', 'sails']), ['sails']);
      assert.deepEqual(await unknownNames(t.database.sql, 'agent', ['a1', 'zz']), ['zz']);
    });
  });
}
