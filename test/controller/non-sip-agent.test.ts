// An agent on a non-SIP endpoint (loopback here; verto alike): its leg has no sip_hangup_disposition, so who ended
// the call comes from last_bridge_role / last_bridge_hangup_cause, which FreeSWITCH's core sets on any endpoint.
// The double sends the agent's HANGUP_COMPLETE before the caller's whichever side hangs up, as FreeSWITCH may.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startOneAgentStack } from './one-agent-stack.js';
import type { Stack } from './stack.js';

let stack: Stack;
before(async () => {
  stack = await startOneAgentStack('loop', 'loop-1', { agent: { contact: 'loopback/2101' } });
});
after(() => stack.stop());

test('the agent hangs up: COMPLETEAGENT', async () => {
  const call = await stack.connectCall('loop');
  stack.fs.hangupAgent(call.agentLeg);
  const hangup = await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === call.agentLeg);
  assert.equal(hangup.get('variable_sip_hangup_disposition'), undefined);
  assert.deepEqual(await stack.eventsOf(call.caller.uuid, 'COMPLETEAGENT'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETEAGENT']);
  await stack.agentLive('loop-1', (row) => row.state === 'Waiting');
});

test('the caller hangs up: COMPLETECALLER, though the agent leg ends first', async () => {
  const call = await stack.connectCall('loop');
  call.caller.hangup();
  assert.deepEqual(await stack.eventsOf(call.caller.uuid, 'COMPLETECALLER'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETECALLER']);
});
