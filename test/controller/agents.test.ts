// What agents do from their phones, through the wire: feature codes to log in and out, and blind
// and attended transfers of a connected caller (FreeSWITCH with fire-transfer-events=true).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DialedCall } from './stack.js';
import { startStack, type Stack } from './stack.js';

let stack: Stack;
before(async () => {
  stack = await startStack({ double: { fireTransferEvents: true } });
  await stack.addQueue('sales', { strategy: 'top-down' });
  await stack.addAgent('2001');
  await stack.addAgent('agent-7', { contact: 'sofia/internal/2007@127.0.0.1:5090' });
  await stack.addAgent('xfer-1');
  await stack.addAgent('xfer-2');
  const tiers = [
    { queue: 'sales', agentId: '2001', level: 1, position: 1 },
    { queue: 'sales', agentId: 'agent-7', level: 1, position: 2 },
  ];
  await stack.addQueue('transfers', { strategy: 'top-down' });
  tiers.push({ queue: 'transfers', agentId: 'xfer-1', level: 1, position: 1 }, { queue: 'transfers', agentId: 'xfer-2', level: 1, position: 2 });
  for (const tier of tiers) await stack.addTier(tier);
  await stack.configured({ queues: ['sales', 'transfers'], agents: ['2001', 'agent-7', 'xfer-1', 'xfer-2'], tiers });
});
after(() => stack.stop());

function featureCall(action: string, callerIdNumber: string): Promise<DialedCall> {
  return stack.dial({ callerIdNumber, destination: '*22', variables: { lineup_action: action } });
}

/** The caller's channel ran `playback <file>` and was hung up. */
async function confirmedAndHungUp(call: DialedCall, file: string): Promise<void> {
  await stack.fs.waitForEvent('CHANNEL_EXECUTE', (e) => e.get('Unique-ID') === call.uuid && e.get('Application') === 'playback' && e.get('Application-Data') === file);
  await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === call.uuid);
}

describe('feature codes', () => {
  test('login by agent id, logout by contact user: AGENTLOGIN / AGENTLOGOFF rows, confirmation, hang-up', async () => {
    const login = await featureCall('agent-login', '2001');
    await confirmedAndHungUp(login, 'ivr/ivr-you_are_now_logged_in.wav');
    await stack.agentLive('2001', (row) => row.status === 'Available');

    const login7 = await featureCall('agent-login', '2007'); // user part of agent-7's contact
    await confirmedAndHungUp(login7, 'ivr/ivr-you_are_now_logged_in.wav');
    await stack.agentLive('agent-7', (row) => row.status === 'Available');

    const logout = await featureCall('agent-logout', '2007');
    await confirmedAndHungUp(logout, 'ivr/ivr-you_are_now_logged_out.wav');
    await stack.agentLive('agent-7', (row) => row.status === 'Logged Out');

    const rows = await stack.rowsOf({ agentId: 'agent-7' }, 'AGENTLOGOFF');
    assert.deepEqual(
      rows.filter((row) => row.event !== 'ADDMEMBER').map((row) => [row.event, row.data['source']]),
      [
        ['AGENTLOGIN', 'feature-code'],
        ['AGENTLOGOFF', 'feature-code'],
      ],
    );
    const rows2001 = await stack.rowsOf({ agentId: '2001' }, 'AGENTLOGIN');
    assert.deepEqual(rows2001.filter((row) => row.event === 'AGENTLOGIN').map((row) => row.data['source']), ['feature-code']);
  });

  test('an unknown agent: resume + exit (the dialplan fallback), no row, no status change', async () => {
    const call = await featureCall('agent-login', '9999');
    await call.socketClosed;
    assert.deepEqual(call.socketCommands().slice(-2), ['resume', 'exit']);
    assert.ok(!call.socketCommands().some((line) => line.startsWith('sendmsg')), 'nothing played, not answered');
    const unknown = await stack.controller.database.db.selectFrom('queueEvents').select('event').where('agentId', '=', '9999').execute();
    assert.deepEqual(unknown, []);
    // The controller still serves: a known agent logs in right after.
    const logout = await featureCall('agent-logout', '2001');
    await confirmedAndHungUp(logout, 'ivr/ivr-you_are_now_logged_out.wav');
    await stack.agentLive('2001', (row) => row.status === 'Logged Out');
  });

  test('an unknown lineup_action: resume + exit', async () => {
    const call = await featureCall('agent-dance', '2001');
    await call.socketClosed;
    assert.deepEqual(call.socketCommands().slice(-2), ['resume', 'exit']);
  });
});

describe('transfers by the agent', () => {
  test('blind transfer: BLINDTRANSFER with the target; the agent is free again', async () => {
    stack.setStatus('xfer-1', 'Available');
    const call = await stack.connectCall('transfers');
    assert.equal(call.agentId, 'xfer-1');
    stack.fs.agentBlindTransfer(call.agentLeg, '5555');
    const rows = await stack.rowsOf({ callId: call.caller.uuid }, 'BLINDTRANSFER');
    assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'BLINDTRANSFER']);
    assert.equal(rows[3]?.data['target'], '5555');
    assert.equal(rows[3]?.agentId, 'xfer-1');
    await stack.agentLive('xfer-1', (row) => row.state === 'Waiting' && row.callId === null);
    // The agent leg's HANGUP_COMPLETE (BLIND_TRANSFER) came after sofia::transferee: the transfer is logged once,
    // and the profile is not reported as lacking fire-transfer-events.
    await stack.fs.waitForEvent('CHANNEL_PARK', (e) => e.get('Unique-ID') === call.caller.uuid && e.get('Caller-Destination-Number') === '5555');
    call.caller.hangup();
    await call.caller.socketClosed;
    assert.deepEqual((await stack.rowsOf({ callId: call.caller.uuid }, 'BLINDTRANSFER')).map((row) => row.event), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'BLINDTRANSFER']);
    assert.deepEqual(stack.logs.filter((record) => /fire-transfer-events/.test(record.msg)), []);
    stack.setStatus('xfer-1', 'Logged Out');
  });

  test('attended transfer: TRANSFER with the target', async () => {
    stack.setStatus('xfer-2', 'Available');
    const call = await stack.connectCall('transfers');
    assert.equal(call.agentId, 'xfer-2');
    stack.fs.agentAttendedTransfer(call.agentLeg, '5555');
    const rows = await stack.rowsOf({ callId: call.caller.uuid }, 'TRANSFER');
    assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'TRANSFER']);
    assert.equal(rows[3]?.data['target'], '5555');
    await stack.agentLive('xfer-2', (row) => row.state === 'Waiting' && row.callId === null);
  });
});
