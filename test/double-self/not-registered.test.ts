import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScenarioReplay } from './replay.js';

test('06-not-registered: SUBSCRIBER_ABSENT / USER_NOT_REGISTERED jobs and no channel events at all', async () => {
  const replay = await ScenarioReplay.start('06-not-registered');
  try {
    replay.double.setAgentBehaviour('user/1099', { outcome: 'SUBSCRIBER_ABSENT' });
    replay.double.setAgentBehaviour('user/1005', { outcome: 'USER_NOT_REGISTERED' });
    await replay.standardStart();
    await replay.inboundSend(2); // two bgapi originate
    const jobs = [await replay.inbound.waitForEvent('BACKGROUND_JOB'), await replay.inbound.waitForEvent('BACKGROUND_JOB', (e) => e.body !== undefined && e.body.includes('USER_NOT'))];
    assert.deepEqual(jobs.map((j) => j.body), ['-ERR SUBSCRIBER_ABSENT\n', '-ERR USER_NOT_REGISTERED\n']);
    replay.caller.hangup();
    await replay.standardEnd();
    replay.assertMatchesCapture();
  } finally {
    await replay.stop();
  }
});
