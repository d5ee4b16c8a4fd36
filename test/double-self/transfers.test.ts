import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScenarioReplay } from './replay.js';

async function bridgeAgent(replay: ScenarioReplay): Promise<string> {
  await replay.standardStart();
  await replay.inboundSend(); // bgapi originate
  const job = await replay.inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-Command') === 'originate');
  await replay.inboundSend(); // bgapi uuid_bridge
  await replay.inbound.waitForEvent('CHANNEL_BRIDGE');
  return (job.body ?? '').replace(/^\+OK (.*)\n$/, '$1');
}

test('10-blind-transfer: sofia::transferor/transferee, agent leg ends, the caller runs 5555 on the same socket', async () => {
  const replay = await ScenarioReplay.start('10-blind-transfer', { fireTransferEvents: true });
  try {
    const agent = await bridgeAgent(replay);
    replay.double.agentBlindTransfer(agent, '5555');
    const transferor = await replay.inbound.waitForEvent('CUSTOM', (e) => e.subclass === 'sofia::transferor');
    assert.equal(transferor.get('variable_transfer_destination'), 'blind:5555');
    await replay.outbound.waitForEvent('CHANNEL_PARK', (e) => e.get('Caller-Destination-Number') === '5555');
    replay.caller.hangup();
    await replay.standardEnd();
    replay.assertMatchesCapture('perLeg');
  } finally {
    await replay.stop();
  }
});

test('13-attended-transfer: hold + MOH, consult leg ATTENDED_TRANSFER, caller sent to the consult destination', async () => {
  const replay = await ScenarioReplay.start('13-attended-transfer', { fireTransferEvents: true });
  try {
    const agent = await bridgeAgent(replay);
    replay.double.agentAttendedTransfer(agent, '5555');
    const consultHangup = await replay.inbound.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Hangup-Cause') === 'ATTENDED_TRANSFER');
    const recordedConsult = replay.recordedInbound.received.find((m) => m.kind === 'event' && m.event.get('Hangup-Cause') === 'ATTENDED_TRANSFER');
    for (const event of [consultHangup, recordedConsult?.kind === 'event' ? recordedConsult.event : undefined]) replay.roles.set(event?.get('Unique-ID') ?? '', 'consult');
    await replay.outbound.waitForEvent('CHANNEL_PARK', (e) => e.get('Caller-Destination-Number') === '5555');
    replay.caller.hangup();
    await replay.standardEnd();
    replay.assertMatchesCapture('perLeg');
  } finally {
    await replay.stop();
  }
});

test('without fire-transfer-events no sofia::transfer* events are sent (FreeSWITCH default)', async () => {
  const replay = await ScenarioReplay.start('10-blind-transfer');
  try {
    const agent = await bridgeAgent(replay);
    replay.double.agentBlindTransfer(agent, '5555');
    await replay.outbound.waitForEvent('CHANNEL_PARK', (e) => e.get('Caller-Destination-Number') === '5555');
    assert.deepEqual(replay.inbound.events.filter((e) => e.name === 'CUSTOM'), []);
  } finally {
    await replay.stop();
  }
});
