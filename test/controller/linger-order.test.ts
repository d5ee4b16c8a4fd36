// FreeSWITCH may send the outbound socket's linger notice right after CHANNEL_HANGUP, before CHANNEL_UNBRIDGE and
// CHANNEL_HANGUP_COMPLETE (scenario 02), instead of after them. Each call's terminal event must not depend on it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startStack, type Stack } from './stack.js';

let stack: Stack;
before(async () => {
  stack = await startStack();
  await stack.addQueue('linger', { strategy: 'top-down' });
  await stack.addAgent('linger-1');
  const tier = { queue: 'linger', agentId: 'linger-1', level: 1, position: 1 };
  await stack.addTier(tier);
  await stack.configured({ queues: ['linger'], agents: ['linger-1'], tiers: [tier] });
});
after(() => stack.stop());

const early = { queue: 'linger', lingerNoticeAfter: 'CHANNEL_HANGUP' } as const;

test('early linger notice, caller hangs up while bridged (scenario 02): COMPLETECALLER, then exit', async () => {
  stack.setStatus('linger-1', 'Available');
  const caller = await stack.dial(early);
  await stack.fs.waitForEvent('CHANNEL_BRIDGE', (e) => e.get('Bridge-A-Unique-ID') === caller.uuid);
  caller.hangup();
  const rows = await stack.rowsOf({ callId: caller.uuid }, 'COMPLETECALLER');
  assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETECALLER']);
  await caller.socketClosed;
  assert.equal(caller.socketCommands().at(-1), 'exit');
  await stack.agentLive('linger-1', (row) => row.state === 'Waiting');
});

test('early linger notice, caller hangs up while waiting: ABANDON, then exit', async () => {
  stack.setStatus('linger-1', 'Logged Out');
  const caller = await stack.dial(early);
  await stack.rowsOf({ callId: caller.uuid }, 'ENTERQUEUE');
  caller.hangup();
  const rows = await stack.rowsOf({ callId: caller.uuid }, 'ABANDON');
  assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'ABANDON']);
  await caller.socketClosed;
  assert.equal(caller.socketCommands().at(-1), 'exit');
});
