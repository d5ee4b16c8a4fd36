// What the agent leg's CHANNEL_HANGUP_COMPLETE says, read from the recorded events themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EslEvent } from '../../src/esl/index.js';
import { blindTransferFromAgentHangup } from '../../src/controller/transfer-event.js';
import { loadConnection } from '../double-self/capture.js';

/** The recorded CHANNEL_HANGUP_COMPLETE of the leg whose channel name starts with `name` (agent1, sipp …). */
function recordedHangup(scenario: string, name: string): EslEvent {
  const found = loadConnection(scenario, 'inbound-esl').received.find(
    (m) => m.kind === 'event' && m.event.name === 'CHANNEL_HANGUP_COMPLETE' && m.event.get('Caller-Direction') === 'outbound' && (m.event.get('Channel-Name') ?? '').includes(`/${name}@`),
  );
  if (found?.kind !== 'event') throw new Error(`no recorded hangup of ${name} in ${scenario}`);
  return found.event;
}

test('scenario 10 (blind REFER): the agent leg names the transfer and its target', () => {
  assert.deepEqual(blindTransferFromAgentHangup(recordedHangup('10-blind-transfer', 'agent1')), { transfer: 'blind', target: '5555' });
});

test('scenario 13 (attended REFER) and 01 (agent hangs up): no blind transfer on the agent leg', () => {
  assert.equal(blindTransferFromAgentHangup(recordedHangup('13-attended-transfer', 'agent1')), undefined);
  assert.equal(blindTransferFromAgentHangup(recordedHangup('01-answer-bridge', 'agent1')), undefined);
});
