// Every strategy through the wire: which agent's contact the controller originates to. Each queue
// has three agents: a (level 1, position 2), b (level 1, position 1), c (level 2, position 1).
// Two calls in a row, each answered and ended by the agent, so the first call's history (last
// offer, talk time, calls answered) decides the second where the strategy says it should.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STRATEGIES, type StrategyName, type TierConfig } from '../../src/engine/index.js';
import { startStack, type Stack } from './stack.js';

type Role = 'a' | 'b' | 'c';

/** One agent per call; `either` = any of these (the pick is random). */
type Expected = { readonly calls: readonly [Role | readonly Role[], Role | readonly Role[]] } | { readonly rungTogether: readonly Role[] };

const EXPECTED: Record<StrategyName, Expected> = {
  'ring-all': { rungTogether: ['a', 'b', 'c'] },
  'longest-idle-agent': { calls: ['b', 'a'] },
  'round-robin': { calls: ['b', 'a'] },
  'top-down': { calls: ['b', 'b'] },
  'agent-with-least-talk-time': { calls: ['b', 'a'] },
  'agent-with-fewest-calls': { calls: ['b', 'a'] },
  'sequentially-by-agent-order': { calls: ['b', 'b'] },
  random: { calls: [['a', 'b'], ['a', 'b']] },
  'ring-progressively': { calls: ['b', 'b'] },
  'round-robin-memory': { calls: ['b', 'a'] },
  linear: { calls: ['b', 'b'] },
  'fewest-calls-in-window': { calls: ['b', 'a'] },
  'weighted-random': { calls: [['a', 'b', 'c'], ['a', 'b', 'c']] },
  'ring-n-random': { rungTogether: ['a', 'b'] },
  'ring-n-ordered': { rungTogether: ['a', 'b'] },
};

const ROLES: readonly Role[] = ['a', 'b', 'c'];
const agentOf = (index: number, role: Role): string => `s${index}${role}`;

let stack: Stack;
before(async () => {
  stack = await startStack();
  const tiers: TierConfig[] = [];
  for (const [index, strategy] of STRATEGIES.entries()) {
    const queue = `q-${strategy}`;
    await stack.addQueue(queue, { strategy, ringN: 2, maxRingSeconds: 30 });
    for (const role of ROLES) await stack.addAgent(agentOf(index, role));
    tiers.push(
      { queue, agentId: agentOf(index, 'a'), level: 1, position: 2 },
      { queue, agentId: agentOf(index, 'b'), level: 1, position: 1 },
      { queue, agentId: agentOf(index, 'c'), level: 2, position: 1 },
    );
    if ('rungTogether' in EXPECTED[strategy]) {
      // b answers first; the others would still ring long after (their timeout is 300 ms in the double).
      stack.fs.setAgentBehaviour(`user/${agentOf(index, 'a')}@default`, { answerAfterMs: 5_000 });
      stack.fs.setAgentBehaviour(`user/${agentOf(index, 'c')}@default`, { answerAfterMs: 5_000 });
    }
  }
  for (const tier of tiers) await stack.addTier(tier);
  await stack.configured({ queues: STRATEGIES.map((s) => `q-${s}`), tiers });
  for (const index of STRATEGIES.keys()) for (const role of ROLES) stack.setStatus(agentOf(index, role), 'Available');
});
after(() => stack.stop());

describe('strategies over the FreeSWITCH double', () => {
  for (const [index, strategy] of STRATEGIES.entries()) {
    const expected = EXPECTED[strategy];
    const queue = `q-${strategy}`;
    if ('calls' in expected) {
      test(`${strategy}: originates to ${expected.calls.map((r) => (typeof r === 'string' ? r : r.join('|'))).join(' then ')}`, async () => {
        for (const [n, wanted] of expected.calls.entries()) {
          const call = await stack.connectCall(queue, `55${index}${n}`);
          const roles = typeof wanted === 'string' ? [wanted] : wanted;
          assert.ok(
            roles.map((role) => agentOf(index, role)).includes(call.agentId),
            `call ${n + 1} went to ${call.agentId}, expected ${roles.map((role) => agentOf(index, role)).join(' or ')}`,
          );
          const sent = stack.originates(call.caller.uuid);
          assert.deepEqual(
            sent.map((o) => o.contact),
            [`user/${call.agentId}@default`],
            'exactly one agent rung, at its contact',
          );
          await new Promise((resolve) => setTimeout(resolve, 50)); // some talk time for least-talk-time
          stack.fs.hangupAgent(call.agentLeg);
          const rows = await stack.rowsOf({ callId: call.caller.uuid }, 'COMPLETEAGENT');
          assert.deepEqual(
            rows.map((row) => [row.event, row.agentId]),
            [
              ['ENTERQUEUE', null],
              ['OFFER', call.agentId],
              ['CONNECT', call.agentId],
              ['COMPLETEAGENT', call.agentId],
            ],
          );
          await stack.agentLive(call.agentId, (row) => row.state === 'Waiting' && row.callId === null);
        }
      });
    } else {
      test(`${strategy}: rings ${expected.rungTogether.join(', ')} at once; b answers, the others lose the race`, async () => {
        const call = await stack.connectCall(queue, `56${index}`);
        assert.equal(call.agentId, agentOf(index, 'b'));
        const sent = stack.originates(call.caller.uuid);
        assert.deepEqual(
          sent.map((o) => o.agentId).sort(),
          expected.rungTogether.map((role) => agentOf(index, role)).sort(),
        );
        const losers = sent.filter((o) => o.agentId !== call.agentId);
        for (const loser of losers) {
          await stack.fs.waitForCommand(new RegExp(`^bgapi uuid_kill ${loser.legUuid} LOSE_RACE`), 'inbound');
          await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === loser.legUuid && e.get('Hangup-Cause') === 'LOSE_RACE');
        }
        call.caller.hangup();
        const rows = await stack.rowsOf({ callId: call.caller.uuid }, 'COMPLETECALLER');
        const canceled = rows.filter((row) => row.event === 'RINGCANCELED');
        assert.deepEqual(canceled.map((row) => row.agentId).sort(), losers.map((o) => o.agentId).sort());
        assert.ok(canceled.every((row) => row.data['reason'] === 'lose-race'), JSON.stringify(canceled));
        assert.deepEqual(
          rows.filter((row) => row.event !== 'RINGCANCELED' && row.event !== 'OFFER').map((row) => [row.event, row.agentId]),
          [
            ['ENTERQUEUE', null],
            ['CONNECT', call.agentId],
            ['COMPLETECALLER', call.agentId],
          ],
        );
        assert.equal(rows.filter((row) => row.event === 'OFFER').length, expected.rungTogether.length);
      });
    }
  }
});
