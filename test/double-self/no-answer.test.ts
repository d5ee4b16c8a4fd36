import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScenarioReplay } from './replay.js';

test('03-agent-no-answer: -ERR NO_ANSWER at originate_timeout; event-locked MOH holds the queued hangup until uuid_break', async () => {
  const replay = await ScenarioReplay.start('03-agent-no-answer');
  try {
    replay.double.setAgentBehaviour('sofia/internal/agent1@127.0.0.1:5090', { outcome: 'NO_ANSWER' });
    await replay.standardStart();
    await replay.inboundSend(); // bgapi originate … originate_timeout=5
    const job = await replay.inbound.waitForEvent('BACKGROUND_JOB');
    assert.equal(job.body, '-ERR NO_ANSWER\n');
    await replay.inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE');
    await replay.outboundSend(); // sendmsg call-command: hangup
    await sleep(50);
    assert.equal(replay.double.channel(replay.caller.uuid)?.isUp, true, 'hangup queued behind the event-locked playback');
    await replay.outboundSend(); // api uuid_break <caller>
    await replay.inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === replay.caller.uuid);
    await replay.standardEnd();
    replay.assertMatchesCapture();
  } finally {
    await replay.stop();
  }
});
