// The caller's answer runs on its channel's next media tick (sendmsg, ~20 ms on FreeSWITCH): the caller is queued and
// its agent rung meanwhile, and only uuid_bridge waits for the answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startOneAgentStack } from './one-agent-stack.js';

test('a caller is queued and rung before its answer has run; uuid_bridge goes out only once it is answered', async () => {
  // A 300 ms tick: the answer lags far behind everything the controller does on the caller's arrival.
  const stack = await startOneAgentStack('early', 'early-1', { stack: { double: { tickMs: 300 } } });
  try {
    const caller = await stack.dial({ queue: 'early' });
    const answered = (): boolean => stack.fs.events.some((e) => e.name === 'CHANNEL_ANSWER' && e.get('Unique-ID') === caller.uuid);
    await stack.waitForOriginates(caller.uuid, 1);
    assert.equal(answered(), false, 'the agent is rung before the caller is answered');
    await stack.rowsOf({ callId: caller.uuid }, 'ENTERQUEUE');
    await stack.fs.waitForCommand(new RegExp(`uuid_bridge ${caller.uuid} `), 'inbound');
    assert.equal(answered(), true, 'uuid_bridge only after the caller was answered');
  } finally {
    await stack.stop();
  }
});
