import { test } from 'node:test';
import { ScenarioReplay } from './replay.js';

test('01-answer-bridge: originate +OK, uuid_bridge ends the socket app, agent BYE takes the caller down', async () => {
  const replay = await ScenarioReplay.start('01-answer-bridge');
  try {
    replay.double.setAgentBehaviour('sofia/internal/agent1@127.0.0.1:5090', { answerAfterMs: 30 });
    await replay.standardStart();
    const agent = await replay.originateAndBridge();
    replay.double.hangupAgent(agent);
    await replay.inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === replay.caller.uuid);
    await replay.standardEnd();
    replay.assertMatchesCapture();
  } finally {
    await replay.stop();
  }
});
