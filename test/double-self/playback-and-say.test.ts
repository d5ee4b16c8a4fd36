import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScenarioReplay } from './replay.js';

test('12-playback-and-say: Event-UUID → Application-UUID, event-lock blocks a queued break, unlocked MOH nests a playback', async () => {
  const replay = await ScenarioReplay.start('12-playback-and-say');
  try {
    await replay.outboundSend(4); // connect, myevents, event plain …, linger
    await Promise.all([replay.outboundSend(), replay.outboundSend(), replay.outboundSend(), replay.outboundSend()]); // answer, welcome, say, MOH
    await replay.outbound.waitForEvent('PLAYBACK_START', (e) => e.get('Playback-File-Path') === 'local_stream://moh');
    await replay.outboundSend(); // execute break (not locked): waits behind the locked MOH
    await sleep(30);
    assert.equal(replay.outbound.events.filter((e) => e.name === 'PLAYBACK_STOP').length, 2, 'MOH still playing');
    await replay.outboundSend(); // api uuid_break <caller>
    await replay.outbound.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Application') === 'break');
    await replay.outboundSend(); // MOH without event-lock
    await replay.outbound.waitForEvent('PLAYBACK_START', (e) => e.get('Application-UUID') === undefined && replay.outbound.events.filter((f) => f.name === 'PLAYBACK_START').length === 4);
    await replay.outboundSend(); // welcome.wav, nested inside the MOH
    await replay.outbound.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Application-UUID') === 'd03b4e15-1721-4d73-aa96-172ca9225d85');
    await replay.outboundSend(); // api uuid_break <caller> all
    await replay.outbound.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Application-UUID') === '2e60917a-097b-4fdf-8709-5e861955e2e4');
    await replay.outboundSend(); // sendmsg hangup
    await replay.standardEnd();
    replay.assertMatchesCapture();
  } finally {
    await replay.stop();
  }
});
