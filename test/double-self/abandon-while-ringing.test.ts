import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScenarioReplay } from './replay.js';

test('08-caller-abandons-while-ringing: uuid_kill ORIGINATOR_CANCEL → job +OK, then originate -ERR ORIGINATOR_CANCEL', async () => {
  const replay = await ScenarioReplay.start('08-caller-abandons-while-ringing');
  try {
    replay.double.setAgentBehaviour('sofia/internal/agent1@127.0.0.1:5090', { answerAfterMs: 10_000 });
    await replay.standardStart();
    await replay.inboundSend(); // bgapi originate
    await replay.inbound.waitForEvent('CHANNEL_PROGRESS');
    replay.caller.hangup();
    await replay.inbound.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Unique-ID') === replay.caller.uuid);
    await replay.outbound.waitFor((m) => m.kind === 'disconnect-notice', 'linger notice');
    await replay.outboundSend(); // exit (recorded before the inbound uuid_kill's effects end)
    await replay.caller.socketClosed;
    await replay.inboundSend(); // bgapi uuid_kill <agent> ORIGINATOR_CANCEL
    const job = await replay.inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-Command') === 'originate');
    assert.equal(job.body, '-ERR ORIGINATOR_CANCEL\n');
    await replay.inboundSend(); // exit
    await replay.inbound.closed;
    replay.assertMatchesCapture();
  } finally {
    await replay.stop();
  }
});
