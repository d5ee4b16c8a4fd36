// What becomes of the caller when the agent leaves a uuid_bridge (end of switch_ivr_multi_threaded_bridge, then
// uuid_bridge_on_soft_execute): hung up only if hangup_after_bridge is true, as Lineup's dialplan snippet sets it;
// otherwise its extension goes on after `socket` (the snippet's fallback), or it is hung up there if nothing follows
// (the capture rig's 7000, scenario 01).
import assert from 'node:assert/strict';
import { startInboundRig, stopInboundRig } from './inbound-rig.js';
import { afterEach, beforeEach, test } from 'node:test';
import { bgapiCommand, connectCommand, myeventsCommand } from '../../src/esl/index.js';
import { CAPTURE_RIG_EXTENSION, EslTestClient, EslTestServer, FreeswitchDouble, LINEUP_QUEUE_EXTENSION, type QueueExtension } from '../double/index.js';

let fs: FreeswitchDouble;
let controller: EslTestServer;
let inbound: EslTestClient;

beforeEach(async () => {
  ({ fs, controller, inbound } = await startInboundRig(['CHANNEL_STATE', 'CHANNEL_HANGUP', 'CHANNEL_BRIDGE', 'BACKGROUND_JOB']));
});
afterEach(() => stopInboundRig({ fs, controller, inbound }));

/** Dials through `extension`, bridges an agent, lets the agent hang up (cause USER_BUSY, to see whose cause the caller gets). */
async function agentLeavesBridge(extension: QueueExtension): Promise<string> {
  const [caller, session] = await Promise.all([fs.dial({ port: controller.port, extension }), controller.nextSession()]);
  await session.send(connectCommand());
  await session.send(myeventsCommand('json'));
  await inbound.send(bgapiCommand('originate {origination_uuid=agent-leg}sofia/internal/agent1@127.0.0.1:5090 &park()', 'job-o'));
  await inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === 'job-o');
  await inbound.send(bgapiCommand(`uuid_bridge ${caller.uuid} agent-leg`, 'job-b'));
  await inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === 'job-b');
  // The job's +OK comes before the bridge (uuid_bridge_on_soft_execute joins the legs on the caller's next tick).
  await inbound.waitForEvent('CHANNEL_BRIDGE', (e) => e.get('Bridge-A-Unique-ID') === caller.uuid);
  fs.hangupAgent('agent-leg', 'USER_BUSY');
  await inbound.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Unique-ID') === 'agent-leg');
  return caller.uuid;
}

test("Lineup's snippet (hangup_after_bridge=true): the caller goes down with the agent's cause, its extension does not go on", async () => {
  const caller = await agentLeavesBridge(LINEUP_QUEUE_EXTENSION);
  const hangup = await inbound.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Unique-ID') === caller);
  assert.equal(hangup.get('Hangup-Cause'), 'USER_BUSY');
  assert.equal(fs.channel(caller)?.continuedDialplan, false);
  assert.equal(inbound.events.some((e) => e.name === 'CHANNEL_STATE' && e.get('Unique-ID') === caller && e.get('Channel-State') === 'CS_EXECUTE'), false);
});

test('hangup_after_bridge unset, the fallback after socket: the caller stays up and its extension goes on (CS_EXECUTE)', async () => {
  const caller = await agentLeavesBridge({ beforeSocket: [['set', 'playback_terminators=none']], appsAfterSocket: true });
  await inbound.waitForEvent('CHANNEL_STATE', (e) => e.get('Unique-ID') === caller && e.get('Channel-State') === 'CS_EXECUTE');
  assert.equal(fs.channel(caller)?.isUp, true);
  assert.equal(fs.channel(caller)?.continuedDialplan, true);
});

test('hangup_after_bridge unset, nothing after socket (the rig, scenario 01): CS_EXECUTE, then the last instruction hangs up', async () => {
  const caller = await agentLeavesBridge(CAPTURE_RIG_EXTENSION);
  const hangup = await inbound.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Unique-ID') === caller);
  assert.equal(hangup.get('Hangup-Cause'), 'NORMAL_CLEARING');
  assert.equal(inbound.events.some((e) => e.name === 'CHANNEL_STATE' && e.get('Unique-ID') === caller && e.get('Channel-State') === 'CS_EXECUTE'), true);
});
