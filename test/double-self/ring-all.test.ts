import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScenarioReplay } from './replay.js';

test('07-ring-all: first answer wins, the other leg ends LOSE_RACE, job +OK <winner>; caller BYE takes the agent down', async () => {
  const replay = await ScenarioReplay.start('07-ring-all');
  try {
    replay.double.setAgentBehaviour('sofia/internal/agent1@127.0.0.1:5090', { answerAfterMs: 30 });
    replay.double.setAgentBehaviour('sofia/internal/agent2@127.0.0.1:5091', { answerAfterMs: 500 });
    await replay.standardStart();
    await replay.inboundSend(); // bgapi originate …agent1…,…agent2… &park()
    const job = await replay.inbound.waitForEvent('BACKGROUND_JOB');
    assert.equal(job.body, '+OK 0a6d4081-784d-4846-bc7d-9eb541502e1d\n');
    const loser = await replay.inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE');
    assert.equal(loser.get('variable_group_dial_status'), 'loser');
    await replay.inboundSend(); // bgapi uuid_bridge caller agent1
    await replay.inbound.waitForEvent('CHANNEL_BRIDGE');
    replay.caller.hangup();
    await replay.standardEnd();
    replay.assertMatchesCapture('perLeg');
  } finally {
    await replay.stop();
  }
});
