import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startStack, type Stack } from './stack.js';

let stack: Stack;
before(async () => {
  stack = await startStack();
  await stack.addQueue('support', { extension: '7000' });
  await stack.addAgent('1000');
  await stack.addTier({ queue: 'support', agentId: '1000', level: 1, position: 1 });
});
after(() => stack.stop());

test('a caller is answered, an agent is rung and bridged, and the events reach Postgres', async () => {
  await new Promise((resolve) => setTimeout(resolve, 700)); // config poll
  assert.equal(stack.controller.host.submit({ kind: 'agent-status-set', agentId: '1000', status: 'Available', source: 'test' }).error, null);
  stack.fs.setAgentBehaviour('user/1000@default', { answerAfterMs: 50 });
  const caller = await stack.fs.dial({ port: stack.controller.outboundPort, destination: '7000' });
  await stack.fs.waitForEvent('CHANNEL_BRIDGE', () => true, 3_000);
  caller.hangup();
  const events = await stack.eventsOf(caller.uuid, 'COMPLETECALLER');
  assert.deepEqual(events, ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETECALLER']);
});
