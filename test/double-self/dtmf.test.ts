import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScenarioReplay } from './replay.js';

test('09-dtmf: DTMF events with source and duration; `*` (default playback_terminators) stops MOH', async () => {
  const replay = await ScenarioReplay.start('09-dtmf');
  try {
    await replay.standardStart();
    replay.caller.pressDigit('5', 'ENDPOINT');
    replay.caller.pressDigit('#', 'ENDPOINT');
    replay.caller.pressDigit('1', 'RTP');
    assert.equal(replay.outbound.events.filter((e) => e.name === 'PLAYBACK_STOP').length, 0, '5 # 1 do not stop MOH');
    replay.caller.pressDigit('*', 'RTP');
    const stop = await replay.outbound.waitForEvent('PLAYBACK_STOP');
    assert.equal(stop.get('Playback-Status'), 'break');
    await replay.outbound.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Application') === 'playback');
    await replay.outboundSend(); // the controller restarts MOH
    await replay.outbound.waitForEvent('PLAYBACK_START', (e) => e !== replay.outbound.events.find((f) => f.name === 'PLAYBACK_START'));
    replay.caller.hangup();
    await replay.standardEnd();
    replay.assertMatchesCapture();
  } finally {
    await replay.stop();
  }
});
