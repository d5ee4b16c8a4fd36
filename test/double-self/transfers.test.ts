import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EslEvent } from '../../src/esl/index.js';
import { ScenarioReplay } from './replay.js';

/** Bridge the recorded agent, let the double's agent phone transfer, then the caller hangs up in 5555. */
async function replayTransfer(scenario: string, transfer: (replay: ScenarioReplay, agent: string) => Promise<void>, fireTransferEvents = true): Promise<ScenarioReplay> {
  const replay = await ScenarioReplay.start(scenario, { fireTransferEvents });
  try {
    await replay.standardStart();
    const agent = await replay.originateAndBridge();
    await transfer(replay, agent);
    await replay.outbound.waitForEvent('CHANNEL_PARK', (e) => e.get('Caller-Destination-Number') === '5555');
    replay.caller.hangup();
    await replay.standardEnd();
    return replay;
  } finally {
    await replay.stop();
  }
}

test('10-blind-transfer: sofia::transferor/transferee, agent leg ends, the caller runs 5555 on the same socket', async () => {
  const replay = await replayTransfer('10-blind-transfer', async (r, agent) => {
    r.double.agentBlindTransfer(agent, '5555');
    const transferor = await r.inbound.waitForEvent('CUSTOM', (e) => e.subclass === 'sofia::transferor');
    assert.equal(transferor.get('variable_transfer_destination'), 'blind:5555');
  });
  replay.assertMatchesCapture('perLeg');
});

test('13-attended-transfer: hold + MOH, consult leg ATTENDED_TRANSFER, caller sent to the consult destination', async () => {
  const replay = await replayTransfer('13-attended-transfer', async (r, agent) => {
    r.double.agentAttendedTransfer(agent, '5555');
    const consultHangup = await r.inbound.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Hangup-Cause') === 'ATTENDED_TRANSFER');
    const recorded = r.recordedInbound.received.find((m) => m.kind === 'event' && m.event.get('Hangup-Cause') === 'ATTENDED_TRANSFER');
    for (const event of [consultHangup, recorded?.kind === 'event' ? recorded.event : undefined]) r.roles.set(event?.get('Unique-ID') ?? '', 'consult');
  });
  replay.assertMatchesCapture('perLeg');
});

/** What tells a blind transfer apart on the agent leg: sofia.c sets these whatever fire-transfer-events says. */
const AGENT_TRANSFER_HEADERS = ['variable_sip_hangup_disposition', 'variable_endpoint_disposition', 'variable_transfer_disposition', 'variable_transfer_destination'];

function agentHangupHeaders(events: readonly EslEvent[], agent: string): Array<string | undefined> {
  const hangup = events.find((e) => e.name === 'CHANNEL_HANGUP_COMPLETE' && e.get('Unique-ID') === agent);
  return AGENT_TRANSFER_HEADERS.map((name) => hangup?.get(name));
}

test('without fire-transfer-events no sofia::transfer* events are sent (FreeSWITCH default); the agent leg ends as in the capture', async () => {
  let agentUuid = '';
  const replay = await replayTransfer('10-blind-transfer', async (r, agent) => {
    agentUuid = agent;
    r.double.agentBlindTransfer(agent, '5555');
  }, false);
  assert.deepEqual(replay.inbound.events.filter((e) => e.name === 'CUSTOM'), []);
  const recordedAgent = [...replay.roles].find(([, role]) => role === 'agent1')?.[0] ?? '';
  const recorded = replay.recordedInbound.received.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
  assert.deepEqual(agentHangupHeaders(replay.inbound.events, agentUuid), agentHangupHeaders(recorded, recordedAgent));
  assert.deepEqual(agentHangupHeaders(replay.inbound.events, agentUuid), ['send_bye', 'BLIND_TRANSFER', 'recv_replace', 'blind:5555']);
});
