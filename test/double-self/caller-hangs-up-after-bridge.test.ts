import { test } from 'node:test';
import { ScenarioReplay } from './replay.js';

test('02-caller-hangs-up-after-bridge (event plain): caller BYE → FreeSWITCH hangs the agent up', async () => {
  const replay = await ScenarioReplay.start('02-caller-hangs-up-after-bridge');
  try {
    replay.double.setAgentBehaviour('sofia/internal/agent1@127.0.0.1:5090', { answerAfterMs: 30 });
    await replay.standardStart();
    await replay.originateAndBridge();
    replay.caller.hangup();
    await replay.inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === replay.caller.uuid);
    await replay.standardEnd();
    replay.assertMatchesCapture('perLeg');
  } finally {
    await replay.stop();
  }
});
