// How the double ends the outbound socket session, after mod_event_socket.c (end of listener_run, socket_function,
// read_packet's linger notice) and switch_ivr.c (switch_ivr_park): with `resume` the channel goes to CS_RESET and
// the extension continues after `socket`; without, the park only ends once nothing plays nested in it.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectCommand, exitCommand, lingerCommand, myeventsCommand, resumeCommand, sendmsgCommand } from '../../src/esl/index.js';
import { EslTestServer, FreeswitchDouble, type EslTestClient } from '../double/index.js';

describe('FreeSWITCH double: end of the outbound socket session', () => {
  let fs: FreeswitchDouble;
  let controller: EslTestServer;

  beforeEach(async () => {
    fs = await FreeswitchDouble.start({ playbackMs: 30, waitTimeoutMs: 1000 });
    controller = await EslTestServer.listen();
  });
  afterEach(async () => {
    await controller.close();
    await fs.stop();
  });

  /** A caller answered and hearing `source` (not event-locked, as Lineup plays hold music). */
  async function callerHearing(source: string): Promise<{ session: EslTestClient; uuid: string; socketClosed: Promise<void> }> {
    const [caller, session] = await Promise.all([fs.dial({ port: controller.port }), controller.nextSession()]);
    await session.send(connectCommand());
    await session.send(myeventsCommand('json'));
    await session.send(sendmsgCommand(undefined, { callCommand: 'execute', appName: 'answer', eventLock: true }));
    await session.send(sendmsgCommand(undefined, { callCommand: 'execute', appName: 'playback', appArg: source, eventLock: false }));
    await fs.waitForEvent('PLAYBACK_START', (e) => e.get('Unique-ID') === caller.uuid);
    return { session, uuid: caller.uuid, socketClosed: caller.socketClosed };
  }

  test('the linger notice can come right after CHANNEL_HANGUP, before CHANNEL_HANGUP_COMPLETE (scenario 02)', async () => {
    const orders: string[][] = [];
    for (const lingerNoticeAfter of ['CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE'] as const) {
      const [caller, session] = await Promise.all([fs.dial({ port: controller.port, lingerNoticeAfter }), controller.nextSession()]);
      await session.send(connectCommand());
      await session.send(myeventsCommand('json'));
      await session.send(lingerCommand());
      caller.hangup();
      await session.waitFor((m) => m.kind === 'event' && m.event.name === 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_HANGUP_COMPLETE');
      await session.waitFor((m) => m.kind === 'disconnect-notice', 'linger notice');
      orders.push(session.messages.flatMap((m) => (m.kind === 'disconnect-notice' ? ['linger'] : m.kind === 'event' && m.event.name.startsWith('CHANNEL_HANGUP') ? [m.event.name] : [])));
    }
    assert.deepEqual(orders, [
      ['CHANNEL_HANGUP', 'linger', 'CHANNEL_HANGUP_COMPLETE'],
      ['CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'linger'],
    ]);
  });

  function socketCompleted(uuid: string): Promise<unknown> {
    return fs.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Unique-ID') === uuid && e.get('Application') === 'socket');
  }

  test('resume + exit: CS_RESET stops the hold music, the socket app returns and the dialplan continues', async () => {
    const { session, uuid, socketClosed } = await callerHearing('local_stream://moh');
    const resumed = await session.send(resumeCommand());
    assert.deepEqual(resumed.kind === 'command-reply' && resumed.replyText, '+OK');
    await session.send(exitCommand());
    await socketClosed;
    await socketCompleted(uuid);
    const channel = fs.channel(uuid);
    assert.equal(channel?.continuedDialplan, true);
    assert.equal(channel?.isUp, true);
    const states = fs.events.filter((e) => e.get('Unique-ID') === uuid && e.name === 'CHANNEL_STATE').map((e) => e.get('Channel-State'));
    assert.deepEqual(states.slice(-2), ['CS_RESET', 'CS_EXECUTE']);
    assert.ok(fs.events.some((e) => e.name === 'PLAYBACK_STOP' && e.get('Unique-ID') === uuid));
  });

  test('socket dropped without resume while a stream plays: the caller stays on it (nothing continues)', async () => {
    const { session, uuid, socketClosed } = await callerHearing('local_stream://moh');
    session.close();
    await socketClosed;
    const channel = fs.channel(uuid);
    assert.equal(channel?.continuedDialplan, false);
    assert.equal(channel?.isUp, true);
    assert.ok(!fs.events.some((e) => e.name === 'PLAYBACK_STOP' && e.get('Unique-ID') === uuid), 'the hold music never stops');
  });

  test('socket dropped without resume during a file: the park ends once the file has played', async () => {
    const { session, uuid, socketClosed } = await callerHearing('/tmp/welcome.wav');
    session.close();
    await socketClosed;
    await socketCompleted(uuid);
    assert.equal(fs.channel(uuid)?.continuedDialplan, true);
    const last = fs.events.filter((e) => e.get('Unique-ID') === uuid).map((e) => e.name);
    assert.ok(last.indexOf('PLAYBACK_STOP') < last.lastIndexOf('CHANNEL_UNPARK'), 'the file ends first, then the park');
  });
});
