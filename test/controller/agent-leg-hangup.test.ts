// What a leg's CHANNEL_HANGUP_COMPLETE says about how a connected call ended, read from the recorded events themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EslEvent } from '../../src/esl/index.js';
import { partyThatHungUp, type CallLeg } from '../../src/controller/hangup-party.js';
import { replacedLegFromHangup, transferFromAgentHangup } from '../../src/controller/transfer-event.js';
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

/** The recorded CHANNEL_HANGUP_COMPLETE of every leg of a scenario, in order. */
function recordedHangups(scenario: string): EslEvent[] {
  return loadConnection(scenario, 'inbound-esl').received.flatMap((m) => (m.kind === 'event' && m.event.name === 'CHANNEL_HANGUP_COMPLETE' ? [m.event] : []));
}

const noConsult = (): undefined => undefined;

test('scenario 10 (blind REFER): the agent leg names the transfer and its target', () => {
  assert.deepEqual(transferFromAgentHangup(recordedHangup('10-blind-transfer', 'agent'), noConsult), { transfer: 'blind', target: '5555' });
});

test('scenario 13 (attended REFER): the consult leg ends first, replaced; the agent leg names it, so the target is its number', () => {
  const replaced = recordedHangups('13-attended-transfer').flatMap((event) => {
    const leg = replacedLegFromHangup(event);
    return leg === undefined ? [] : [leg];
  });
  assert.equal(replaced.length, 1);
  assert.equal(replaced[0]?.destination, '5555');
  const consults = new Map(replaced.map((leg) => [leg.uuid, leg.destination]));
  const agentLeg = recordedHangup('13-attended-transfer', 'agent');
  assert.deepEqual(transferFromAgentHangup(agentLeg, (uuid) => consults.get(uuid)), { transfer: 'attended', target: '5555' });
  assert.deepEqual(transferFromAgentHangup(agentLeg, noConsult), { transfer: 'attended', target: '' }, 'consult leg not seen');
});

test('scenario 01 (the agent hangs up): no transfer on the agent leg, no replaced leg anywhere', () => {
  assert.equal(transferFromAgentHangup(recordedHangup('01-answer-bridge', 'agent'), noConsult), undefined);
  assert.ok(recordedHangups('01-answer-bridge').every((event) => replacedLegFromHangup(event) === undefined));
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
