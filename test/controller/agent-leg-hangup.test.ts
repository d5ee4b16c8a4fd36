// What a leg's CHANNEL_HANGUP_COMPLETE says about how a connected call ended, read from the recorded events themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EslEvent } from '../../src/esl/index.js';
import { partyThatHungUp, type CallLeg } from '../../src/controller/hangup-party.js';
import { blindTransferFromAgentHangup } from '../../src/controller/transfer-event.js';
import { loadConnection } from '../double-self/capture.js';

/** The recorded CHANNEL_HANGUP_COMPLETE of the caller (sipp, inbound) or of the originated agent leg (outbound; not 13's consult leg). */
function recordedHangup(scenario: string, leg: CallLeg): EslEvent {
  const [direction, user] = leg === 'caller' ? ['inbound', 'sipp'] : ['outbound', 'agent1'];
  const found = loadConnection(scenario, 'inbound-esl').received.find(
    (m) =>
      m.kind === 'event' &&
      m.event.name === 'CHANNEL_HANGUP_COMPLETE' &&
      m.event.get('Caller-Direction') === direction &&
      (m.event.get('Channel-Name') ?? '').startsWith(`sofia/internal/${user}@`),
  );
  if (found?.kind !== 'event') throw new Error(`no recorded hangup of the ${leg} in ${scenario}`);
  return found.event;
}

test('scenario 10 (blind REFER): the agent leg names the transfer and its target', () => {
  assert.deepEqual(blindTransferFromAgentHangup(recordedHangup('10-blind-transfer', 'agent')), { transfer: 'blind', target: '5555' });
});

test('scenario 13 (attended REFER) and 01 (agent hangs up): no blind transfer on the agent leg', () => {
  assert.equal(blindTransferFromAgentHangup(recordedHangup('13-attended-transfer', 'agent')), undefined);
  assert.equal(blindTransferFromAgentHangup(recordedHangup('01-answer-bridge', 'agent')), undefined);
});

/** The same event as a non-SIP leg (loopback, verto) would send it: without mod_sofia's sip_* variables. */
function withoutSip(event: EslEvent): EslEvent {
  return new EslEvent([...event.headers].filter(([name]) => !name.startsWith('variable_sip_')), event.body);
}

test('who hung up, from either leg, with and without sip_hangup_disposition (scenario 01: the agent; 02: the caller)', () => {
  for (const [scenario, expected] of [['01-answer-bridge', 'agent'], ['02-caller-hangs-up-after-bridge', 'caller']] as const) {
    for (const leg of ['caller', 'agent'] as const) {
      const hangup = recordedHangup(scenario, leg);
      assert.equal(partyThatHungUp(leg, hangup), expected, `${scenario} ${leg}`);
      assert.equal(partyThatHungUp(leg, withoutSip(hangup)), expected, `${scenario} ${leg} without sip_*`);
    }
  }
});

test('a leg that vanished unseen, or carries no mark at all, counts as the one that left', () => {
  assert.equal(partyThatHungUp('agent', undefined), 'agent');
  assert.equal(partyThatHungUp('caller', new EslEvent([['Event-Name', 'CHANNEL_HANGUP_COMPLETE']])), 'caller');
});
