// Transfers by the agent on a SIP profile without fire-transfer-events=true (FreeSWITCH's default): no
// sofia::transferee reaches Lineup, only the agent leg's CHANNEL_HANGUP_COMPLETE (scenario 10: send_bye,
// endpoint_disposition=BLIND_TRANSFER, transfer_destination=blind:<target>; scenario 13: refer_uuid naming the
// consult leg, which ended just before, replaced), while the caller talks on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startOneAgentStack } from './one-agent-stack.js';
import type { Stack } from './stack.js';

let stack: Stack;
before(async () => {
  stack = await startOneAgentStack('plain', 'plain-1', { stack: { double: { fireTransferEvents: false } } });
});
after(() => stack.stop());

const WARNING = /fire-transfer-events/;

async function transferredCall(transfer: 'blind' | 'attended'): Promise<string> {
  const call = await stack.connectCall('plain');
  if (transfer === 'blind') stack.fs.agentBlindTransfer(call.agentLeg, '5555');
  else stack.fs.agentAttendedTransfer(call.agentLeg, '5555');
  // The caller runs 5555 on the same socket: up, parked there, not hung up.
  await stack.fs.waitForEvent('CHANNEL_PARK', (e) => e.get('Unique-ID') === call.caller.uuid && e.get('Caller-Destination-Number') === '5555');
  await stack.agentLive('plain-1', (row) => row.state === 'Waiting' && row.callId === null);
  assert.equal(stack.fs.channel(call.caller.uuid)?.isUp, true);
  call.caller.hangup();
  await call.caller.socketClosed;
  return call.caller.uuid;
}

test('blind transfer: BLINDTRANSFER with the target from the agent leg, logged once; one warning per process', async () => {
  const first = await transferredCall('blind');
  const rows = await stack.rowsOf({ callId: first }, 'BLINDTRANSFER');
  assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'BLINDTRANSFER']);
  assert.equal(rows[3]?.data['target'], '5555');
  assert.equal(rows[3]?.agentId, 'plain-1');

  const second = await transferredCall('blind');
  assert.deepEqual(await stack.eventsOf(second, 'BLINDTRANSFER'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'BLINDTRANSFER']);
  const warnings = stack.logs.filter((record) => WARNING.test(record.msg));
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]?.level, 40);
});

test('attended transfer: TRANSFER with the target the replaced consult leg called', async () => {
  const callId = await transferredCall('attended');
  const rows = await stack.rowsOf({ callId }, 'TRANSFER');
  assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'TRANSFER']);
  assert.equal(rows[3]?.data['target'], '5555');
});
