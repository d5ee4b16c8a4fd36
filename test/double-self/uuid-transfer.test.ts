import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScenarioReplay } from './replay.js';

test('11-uuid-transfer-timeout: job +OK, socket app ends, the extension runs on the same outbound socket', async () => {
  const replay = await ScenarioReplay.start('11-uuid-transfer-timeout');
  try {
    await replay.standardStart();
    await replay.inboundSend(); // bgapi uuid_transfer <caller> 5555 XML public
    const job = await replay.inbound.waitForEvent('BACKGROUND_JOB');
    assert.equal(job.body, '+OK\n');
    await replay.outbound.waitForEvent('CHANNEL_PARK', (e) => e.get('Caller-Destination-Number') === '5555');
    replay.caller.hangup();
    await replay.standardEnd();
    replay.assertMatchesCapture();
  } finally {
    await replay.stop();
  }
});
