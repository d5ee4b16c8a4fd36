// socket_resume and the end of the outbound session (mod_event_socket.c listener_run: with LFLAG_RESUME or
// socket_resume=true, CS_RESET on a channel not in CS_HIBERNATE and not flagged CF_TRANSFER), as the rig showed
// after a SIGKILL of `lineup serve`: a waiting caller goes on to the fallback after `socket`, a caller in a
// uuid_bridge leaves it unless socket_resume was set back to false.
import assert from 'node:assert/strict';
import { startInboundRig, stopInboundRig } from './inbound-rig.js';
import { afterEach, beforeEach, test } from 'node:test';
import { apiCommand, bgapiCommand, connectCommand, myeventsCommand, sendmsgCommand } from '../../src/esl/index.js';
import { EslTestClient, EslTestServer, FreeswitchDouble, LINEUP_QUEUE_EXTENSION } from '../double/index.js';

let fs: FreeswitchDouble;
let controller: EslTestServer;
let inbound: EslTestClient;

beforeEach(async () => {
  ({ fs, controller, inbound } = await startInboundRig(['CHANNEL_HANGUP', 'CHANNEL_BRIDGE', 'BACKGROUND_JOB']));
});
afterEach(() => stopInboundRig({ fs, controller, inbound }));

/** A caller in Lineup's queue extension whose session set socket_resume=true with `api uuid_setvar`, as Lineup's setup does. */
async function resumableCaller(): Promise<{ readonly session: EslTestClient; readonly uuid: string; readonly socketClosed: Promise<void> }> {
  const [caller, session] = await Promise.all([fs.dial({ port: controller.port, extension: LINEUP_QUEUE_EXTENSION }), controller.nextSession()]);
  await session.send(connectCommand());
  await session.send(myeventsCommand('json'));
  const set = await session.send(apiCommand(`uuid_setvar ${caller.uuid} socket_resume true`));
  assert.equal(set.kind === 'api-response' && set.body.trim(), '+OK');
  return { session, uuid: caller.uuid, socketClosed: caller.socketClosed };
}

async function bridgeAgent(callerUuid: string): Promise<void> {
  await inbound.send(bgapiCommand('originate {origination_uuid=agent-leg}sofia/internal/agent1@127.0.0.1:5090 &park()', 'job-o'));
  await inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === 'job-o');
  await inbound.send(bgapiCommand(`uuid_bridge ${callerUuid} agent-leg`, 'job-b'));
  await inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === 'job-b');
  // The job's +OK comes before the bridge (uuid_bridge_on_soft_execute joins the legs on the caller's next tick).
  await inbound.waitForEvent('CHANNEL_BRIDGE', (e) => e.get('Bridge-A-Unique-ID') === callerUuid);
}

test('socket_resume=true and the socket dropped while the hold music plays: the music stops and the dialplan goes on', async () => {
  const { session, uuid, socketClosed } = await resumableCaller();
  await session.send(sendmsgCommand(undefined, { callCommand: 'execute', appName: 'playback', appArg: 'local_stream://moh', eventLock: false }));
  await fs.waitForEvent('PLAYBACK_START', (e) => e.get('Unique-ID') === uuid);
  session.close();
  await socketClosed;
  await fs.waitForEvent('PLAYBACK_STOP', (e) => e.get('Unique-ID') === uuid);
  assert.equal(fs.channel(uuid)?.continuedDialplan, true);
  assert.equal(fs.channel(uuid)?.isUp, true);
});

test('socket_resume=true and the socket dropped during a uuid_bridge: the caller leaves the bridge, the agent leg is hung up', async () => {
  const { session, uuid, socketClosed } = await resumableCaller();
  await bridgeAgent(uuid);
  session.close();
  await socketClosed;
  await inbound.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Unique-ID') === 'agent-leg');
  assert.equal(fs.channel(uuid)?.bridge, undefined);
  assert.equal(fs.channel(uuid)?.continuedDialplan, true);
});

test('socket_resume set back to false before the drop: the bridge goes on', async () => {
  const { session, uuid, socketClosed } = await resumableCaller();
  await session.send(apiCommand(`uuid_setvar ${uuid} socket_resume false`));
  await bridgeAgent(uuid);
  session.close();
  await socketClosed;
  assert.equal(fs.channel(uuid)?.bridge?.b, 'agent-leg');
  assert.equal(fs.channel('agent-leg')?.isUp, true);
  assert.equal(fs.channel(uuid)?.continuedDialplan, false);
});
