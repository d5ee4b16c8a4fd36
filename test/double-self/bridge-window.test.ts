// The double's timing, as FreeSWITCH's: uuid_bridge answers +OK before the legs are joined (switch_ivr_uuid_bridge
// only hands them to uuid_bridge_on_soft_execute, which runs on the caller's next tick), what a hang-up inside that
// window leaves behind, sendmsg run on the channel's next tick, and replies that come late but in order.
import assert from 'node:assert/strict';
import { startInboundRig, stopInboundRig } from './inbound-rig.js';
import { afterEach, describe, test } from 'node:test';
import { apiCommand, bgapiCommand, connectCommand, myeventsCommand, sendmsgCommand } from '../../src/esl/index.js';
import { EslTestClient, EslTestServer, FreeswitchDouble, type DoubleOptions } from '../double/index.js';

const EVENTS = ['CHANNEL_ANSWER', 'CHANNEL_BRIDGE', 'CHANNEL_STATE', 'CHANNEL_EXECUTE_COMPLETE', 'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'BACKGROUND_JOB'];

let fs: FreeswitchDouble;
let controller: EslTestServer;
let inbound: EslTestClient;

afterEach(() => stopInboundRig({ fs, controller, inbound }));

async function start(options: DoubleOptions): Promise<void> {
  ({ fs, controller, inbound } = await startInboundRig(EVENTS, options));
}

/** A caller under the socket app and an answered agent leg `agent-leg` parked by its originate. */
async function callerAndAgent(): Promise<{ caller: string; hangupCaller: () => void; session: EslTestClient }> {
  const [caller, session] = await Promise.all([fs.dial({ port: controller.port }), controller.nextSession()]);
  await session.send(connectCommand());
  await session.send(myeventsCommand('json'));
  await inbound.send(bgapiCommand('originate {origination_uuid=agent-leg}user/1000@default &park()', 'job-o'));
  await inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === 'job-o');
  return { caller: caller.uuid, hangupCaller: () => caller.hangup(), session };
}

const bridged = (): boolean => fs.events.some((e) => e.name === 'CHANNEL_BRIDGE');

// A long tick keeps the window open for the whole test, however slow the machine.
describe('uuid_bridge: +OK first, the legs joined on the caller\'s next tick', () => {
  test('the reply comes before CHANNEL_BRIDGE, which then names both legs', async () => {
    await start({ tickMs: 200 });
    const { caller } = await callerAndAgent();
    const reply = await inbound.send(apiCommand(`uuid_bridge ${caller} agent-leg`));
    assert.equal(reply.kind === 'api-response' && reply.body, '+OK agent-leg\n');
    assert.equal(bridged(), false, 'joined before the originator\'s tick');
    const bridge = await inbound.waitForEvent('CHANNEL_BRIDGE');
    assert.deepEqual([bridge.get('Bridge-A-Unique-ID'), bridge.get('Bridge-B-Unique-ID')], [caller, 'agent-leg']);
  });

  test('the caller hangs up inside the window: no bridge, and the agent leg leaves park but stays up (CS_RESET) until killed', async () => {
    await start({ tickMs: 200 });
    const { caller, hangupCaller } = await callerAndAgent();
    await inbound.send(apiCommand(`uuid_bridge ${caller} agent-leg`));
    hangupCaller();
    await inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === caller);
    await inbound.waitForEvent('CHANNEL_STATE', (e) => e.get('Unique-ID') === 'agent-leg' && e.get('Channel-State') === 'CS_RESET');
    assert.ok(inbound.events.some((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.get('Unique-ID') === 'agent-leg' && e.get('Application') === 'park'));
    assert.equal(bridged(), false);
    assert.deepEqual(fs.liveChannels().map((channel) => channel.uuid), ['agent-leg']);
    await inbound.send(apiCommand('uuid_kill agent-leg'));
    await inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === 'agent-leg');
    assert.deepEqual(fs.liveChannels(), []);
  });

  test('the agent hangs up inside the window: the caller is hung up DESTINATION_OUT_OF_ORDER, its extension does not go on', async () => {
    await start({ tickMs: 200 });
    const { caller } = await callerAndAgent();
    await inbound.send(apiCommand(`uuid_bridge ${caller} agent-leg`));
    fs.hangupAgent('agent-leg');
    const hangup = await inbound.waitForEvent('CHANNEL_HANGUP', (e) => e.get('Unique-ID') === caller);
    assert.equal(hangup.get('Hangup-Cause'), 'DESTINATION_OUT_OF_ORDER');
    assert.equal(bridged(), false);
    assert.equal(fs.channel(caller)?.continuedDialplan, false);
  });
});

describe('sendmsg and replies', () => {
  test('sendmsg runs on the next tick: an event-locked answer of an answered channel still takes a tick (default 20 ms)', async () => {
    await start({});
    const { session } = await callerAndAgent();
    await session.send(sendmsgCommand(undefined, { callCommand: 'execute', appName: 'answer', eventUuid: 'first', eventLock: true }));
    await session.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Application-UUID') === 'first');
    const sent = performance.now();
    const reply = await session.send(sendmsgCommand(undefined, { callCommand: 'execute', appName: 'answer', eventUuid: 'again', eventLock: true }));
    assert.equal(reply.kind === 'command-reply' && reply.replyText, '+OK');
    assert.equal(session.events.some((e) => e.get('Application-UUID') === 'again'), false, 'ran before its reply');
    await session.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Application-UUID') === 'again');
    assert.ok(performance.now() - sent >= 19, `done after ${performance.now() - sent} ms`);
  });

  test('slow replies: api replies wait the delay and keep their order whatever the jitter; BACKGROUND_JOB waits too', async () => {
    let draw = 0;
    const draws = [0.9, 0, 0.5, 0];
    await start({ replyDelayMs: 30, replyJitterMs: 50, random: () => draws[draw++ % draws.length] ?? 0 });
    const sent = performance.now();
    const [exists, status] = await Promise.all([inbound.send(apiCommand('uuid_exists nobody')), inbound.send(apiCommand('status'))]);
    assert.ok(performance.now() - sent >= 29, `replied after ${performance.now() - sent} ms`);
    assert.equal(exists.kind === 'api-response' && exists.body, 'false');
    assert.match(status.kind === 'api-response' ? status.body : '', /^UP /);
    const jobSent = performance.now();
    const accepted = await inbound.send(bgapiCommand('uuid_exists nobody', 'job-e'));
    assert.equal(accepted.kind === 'command-reply' && accepted.replyText, '+OK Job-UUID: job-e');
    const job = await inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === 'job-e');
    assert.equal(job.body, 'false');
    assert.ok(performance.now() - jobSent >= 29, `job after ${performance.now() - jobSent} ms`);
  });
});
