import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyHeaders, replies, transcript } from './capture.js';
import { ScenarioReplay } from './replay.js';

const KEY_HEADERS = ['Hangup-Cause', 'Answer-State', 'Application-UUID', 'Application-Response', 'Other-Leg-Unique-ID', 'Bridge-A-Unique-ID', 'Bridge-B-Unique-ID', 'Playback-Status', 'Job-Command-Arg'];

test('01-answer-bridge', async () => {
  const replay = await ScenarioReplay.start('01-answer-bridge');
  try {
    replay.double.setAgentBehaviour('sofia/internal/agent1@127.0.0.1:5090', { answerAfterMs: 30 });
    await replay.standardStart();
    await replay.inboundSend(); // bgapi originate
    await replay.inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-Command') === 'originate');
    await replay.inboundSend(); // bgapi uuid_bridge
    await replay.inbound.waitForEvent('CHANNEL_BRIDGE');
    replay.double.hangupAgent('9ee6202b-0f53-446b-ac02-66dc014b1068');
    await replay.inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === replay.caller.uuid);
    await replay.standardEnd();
    const { roles } = replay;
    for (const [recorded, actual] of [[replay.recordedInbound.received, replay.inbound.messages], [replay.recordedOutbound.received, replay.outbound.messages]] as const) {
      assert.deepEqual(transcript(actual, roles), transcript(recorded, roles));
      assert.deepEqual(replies(actual, roles), replies(recorded, roles));
      assert.deepEqual(keyHeaders(actual, roles, KEY_HEADERS), keyHeaders(recorded, roles, KEY_HEADERS));
    }
  } finally {
    await replay.stop();
  }
});
