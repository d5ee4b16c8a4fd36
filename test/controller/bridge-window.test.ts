// Hang-ups between uuid_bridge's +OK and the bridge itself (uuid_bridge_on_soft_execute joins the legs on the
// caller's next tick): the call is not bridged yet, so whoever stays is Lineup's to end. The caller gone first
// leaves the agent leg up in FreeSWITCH (CS_RESET) unless Lineup kills it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startOneAgentStack } from './one-agent-stack.js';
import type { DialedCall, Stack } from './stack.js';

let stack: Stack;
before(async () => {
  // A 200 ms tick keeps the window open well after uuid_bridge's +OK reached the controller, however slow the machine.
  stack = await startOneAgentStack('window', 'window-1', { stack: { double: { tickMs: 200 } } });
});
after(() => stack.stop());

/** A caller whose uuid_bridge was answered +OK a moment ago, its legs not joined yet. */
async function inBridgeWindow(): Promise<{ caller: DialedCall; agentLeg: string }> {
  const caller = await stack.dial({ queue: 'window' });
  const [offer] = await stack.waitForOriginates(caller.uuid, 1);
  await stack.fs.waitForCommand(new RegExp(`uuid_bridge ${caller.uuid} `), 'inbound');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(bridgedAt(caller.uuid), false, 'the window closed before the test could hang up');
  return { caller, agentLeg: offer?.legUuid ?? '' };
}

function bridgedAt(callerUuid: string): boolean {
  return stack.fs.events.some((e) => e.name === 'CHANNEL_BRIDGE' && e.get('Bridge-A-Unique-ID') === callerUuid);
}

async function nothingLeft(): Promise<void> {
  await stack.agentLive('window-1', (row) => row.state === 'Waiting' && row.callId === null);
  assert.deepEqual(stack.fs.liveChannels().map((channel) => channel.name), []);
}

test('the caller hangs up inside the bridge window: no bridge, the agent leg is hung up, COMPLETECALLER', async () => {
  const { caller, agentLeg } = await inBridgeWindow();
  caller.hangup();
  await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === agentLeg);
  assert.equal(bridgedAt(caller.uuid), false);
  const events = await stack.eventsOf(caller.uuid, 'COMPLETECALLER');
  assert.deepEqual(events, ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETECALLER']);
  await nothingLeft();
});

test('the agent hangs up inside the bridge window: COMPLETEAGENT, and the caller does not stay behind', async () => {
  const { caller, agentLeg } = await inBridgeWindow();
  stack.fs.hangupAgent(agentLeg);
  await caller.socketClosed;
  // uuid_bridge_on_soft_execute finds the agent leg gone and hangs the caller up.
  const hangup = await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === caller.uuid);
  assert.equal(hangup.get('Hangup-Cause'), 'DESTINATION_OUT_OF_ORDER');
  assert.deepEqual(await stack.eventsOf(caller.uuid, 'COMPLETEAGENT'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETEAGENT']);
  await nothingLeft();
});
