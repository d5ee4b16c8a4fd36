import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FailureOutcome } from '../double/index.js';
import { ScenarioReplay } from './replay.js';

const cases: ReadonlyArray<readonly [string, FailureOutcome]> = [
  ['04-agent-busy', 'USER_BUSY'],
  ['05-agent-reject', 'CALL_REJECTED'],
];

for (const [scenario, outcome] of cases) {
  test(`${scenario}: the phone refuses, job -ERR ${outcome}, caller untouched`, async () => {
    const replay = await ScenarioReplay.start(scenario);
    try {
      replay.double.setAgentBehaviour('sofia/internal/agent1@127.0.0.1:5090', { outcome, afterMs: 20 });
      await replay.standardStart();
      await replay.inboundSend(); // bgapi originate
      const job = await replay.inbound.waitForEvent('BACKGROUND_JOB');
      assert.equal(job.body, `-ERR ${outcome}\n`);
      replay.caller.hangup();
      await replay.standardEnd();
      replay.assertMatchesCapture();
    } finally {
      await replay.stop();
    }
  });
}
