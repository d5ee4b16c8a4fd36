// A dialplan that lacks Lineup's `set hangup_after_bridge=true`: when the agent hangs up, FreeSWITCH does not hang
// the caller up (switch_ivr_multi_threaded_bridge); the caller's extension goes on after `socket` (the fallback).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LINEUP_QUEUE_EXTENSION } from '../double/index.js';
import { startOneAgentStack } from './one-agent-stack.js';
import type { Stack } from './stack.js';

let stack: Stack;
before(async () => {
  stack = await startOneAgentStack('nohab', 'nohab-1');
});
after(() => stack.stop());

const withoutHangupAfterBridge = {
  ...LINEUP_QUEUE_EXTENSION,
  beforeSocket: LINEUP_QUEUE_EXTENSION.beforeSocket.filter(([, arg]) => !arg.startsWith('hangup_after_bridge=')),
};

test('the agent hangs up: COMPLETEAGENT; the caller is not hung up but runs the fallback, and its session ends when it hangs up there', async () => {
  const caller = await stack.dial({ queue: 'nohab', extension: withoutHangupAfterBridge });
  const bridge = await stack.fs.waitForEvent('CHANNEL_BRIDGE', (e) => e.get('Bridge-A-Unique-ID') === caller.uuid);
  stack.fs.hangupAgent(bridge.get('Bridge-B-Unique-ID') ?? '');
  assert.deepEqual(await stack.eventsOf(caller.uuid, 'COMPLETEAGENT'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETEAGENT']);
  await stack.fs.waitForEvent('CHANNEL_STATE', (e) => e.get('Unique-ID') === caller.uuid && e.get('Channel-State') === 'CS_EXECUTE');
  const channel = stack.fs.channel(caller.uuid);
  assert.equal(channel?.isUp, true);
  assert.equal(channel?.continuedDialplan, true);
  await stack.agentLive('nohab-1', (row) => row.state === 'Waiting' && row.callId === null);
  // Lineup sent nothing more on the caller's socket after the bridge (no resume/exit that would disturb the fallback).
  const sent = caller.socketCommands();
  assert.ok(!sent.slice(sent.lastIndexOf('sendmsg')).some((line) => line === 'resume' || line === 'exit'), JSON.stringify(sent));

  caller.hangup();
  await caller.socketClosed;
  await stack.callersLive('nohab', (rows) => rows.length === 0);
  assert.deepEqual(await stack.eventsOf(caller.uuid, 'COMPLETEAGENT'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETEAGENT']);
});
