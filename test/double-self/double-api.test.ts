import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import {
  authCommand,
  apiCommand,
  bgapiCommand,
  connectCommand,
  eventCommand,
  exitCommand,
  lingerCommand,
  myeventsCommand,
  sendmsgCommand,
  type EslEvent,
} from '../../src/esl/index.js';
import { EslTestClient, EslTestServer, FreeswitchDouble } from '../double/index.js';

const CHANNEL_EVENTS = ['CHANNEL_CREATE', 'CHANNEL_ORIGINATE', 'CHANNEL_PROGRESS', 'CHANNEL_ANSWER', 'CHANNEL_BRIDGE', 'CHANNEL_UNBRIDGE', 'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'BACKGROUND_JOB'];

describe('FreeSWITCH double: inbound side', () => {
  let fs: FreeswitchDouble;
  let clients: EslTestClient[];

  beforeEach(async () => {
    fs = await FreeswitchDouble.start({ secondsToMs: 10, waitTimeoutMs: 1000 });
    clients = [];
  });
  afterEach(async () => {
    for (const client of clients) client.close();
    await fs.stop();
  });

  async function authed(format: 'json' | 'plain' = 'json', names = CHANNEL_EVENTS): Promise<EslTestClient> {
    const client = await EslTestClient.connect(fs.inboundPort);
    clients.push(client);
    await client.send(authCommand('ClueCon'));
    await client.send(eventCommand(format, names));
    return client;
  }

  function jobBody(client: EslTestClient, jobUuid: string): Promise<string | undefined> {
    return client.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === jobUuid).then((e) => e.body);
  }

  test('wrong password: -ERR invalid, then the socket is closed; commands before auth are refused', async () => {
    const client = await EslTestClient.connect(fs.inboundPort);
    clients.push(client);
    const early = await client.send(eventCommand('json', ['ALL']));
    assert.deepEqual(early.kind === 'command-reply' && early.replyText, '-ERR command not found');
    const reply = await client.send(authCommand('wrong'));
    assert.deepEqual(reply.kind === 'command-reply' && reply.replyText, '-ERR invalid');
    await client.closed;
    // listener_run says goodbye before closing (mod_event_socket.c send_disconnect).
    assert.deepEqual(client.messages.at(-1)?.kind, 'disconnect-notice');
  });

  test('an address refused by apply-inbound-acl gets text/rude-rejection and the goodbye, never auth/request', async () => {
    fs.denyInboundByAcl(true);
    const socket = connect(fs.inboundPort, '127.0.0.1');
    const client = new EslTestClient(socket);
    await client.closed;
    fs.denyInboundByAcl(false);
    assert.deepEqual(client.messages.map((m) => m.kind), ['rude-rejection', 'disconnect-notice']);
  });

  test('bgapi without Job-UUID gets one; unknown api and socket commands answer as FreeSWITCH', async () => {
    const client = await authed();
    const reply = await client.send(bgapiCommand('frobnicate now'));
    assert.ok(reply.kind === 'command-reply');
    const jobUuid = reply.headers.get('Job-UUID') ?? '';
    assert.equal(reply.replyText, `+OK Job-UUID: ${jobUuid}`);
    assert.equal(await jobBody(client, jobUuid), '-ERR frobnicate Command not found!\n');
    const unknown = await client.send(Buffer.from('dance\n\n'));
    assert.deepEqual(unknown.kind === 'command-reply' && unknown.replyText, '-ERR command not found');
    const exists = await client.send(apiCommand('uuid_exists 00000000-0000-0000-0000-000000000000'));
    assert.deepEqual(exists.kind === 'api-response' && exists.body, 'false');
    assert.deepEqual(fs.commands('inbound').map((c) => c.text), ['auth ClueCon\n\n', `event json ${CHANNEL_EVENTS.join(' ')}\n\n`, 'bgapi frobnicate now\n\n', 'dance\n\n', 'api uuid_exists 00000000-0000-0000-0000-000000000000\n\n']);
  });

  test('user/ endpoints: answer, busy, reject, not registered, unknown user, no answer (originate_timeout)', async () => {
    const client = await authed();
    fs.setAgentBehaviour('user/1000@default', { answerAfterMs: 5 });
    fs.setAgentBehaviour('user/1001@default', { outcome: 'USER_BUSY' });
    fs.setAgentBehaviour('user/1002@default', { outcome: 'CALL_REJECTED' });
    fs.setAgentBehaviour('user/1003@default', { outcome: 'USER_NOT_REGISTERED' });
    fs.setAgentBehaviour('user/1099@default', { outcome: 'SUBSCRIBER_ABSENT' });
    fs.setAgentBehaviour('user/1004@default', { outcome: 'NO_ANSWER' });
    const expected: Record<string, string> = {
      '1000': '+OK u1000\n',
      '1001': '-ERR USER_BUSY\n',
      '1002': '-ERR CALL_REJECTED\n',
      '1003': '-ERR USER_NOT_REGISTERED\n',
      '1099': '-ERR SUBSCRIBER_ABSENT\n',
      '1004': '-ERR NO_ANSWER\n',
    };
    for (const user of Object.keys(expected)) await client.send(bgapiCommand(`originate {origination_uuid=u${user},originate_timeout=3}user/${user}@default &park()`, `job-${user}`));
    for (const [user, body] of Object.entries(expected)) assert.equal(await jobBody(client, `job-${user}`), body, user);
    const created = new Set(client.events.filter((e) => e.name === 'CHANNEL_CREATE').map((e) => e.get('Unique-ID')));
    assert.deepEqual([...created].sort(), ['u1000', 'u1001', 'u1002', 'u1004']);
    const busy = client.events.find((e) => e.name === 'CHANNEL_HANGUP_COMPLETE' && e.get('Unique-ID') === 'u1001');
    assert.equal(busy?.get('Hangup-Cause'), 'USER_BUSY');
    assert.equal(busy?.get('variable_sip_term_status'), '486');
  });

  test('controller-side ring-all: kill the loser with LOSE_RACE → its originate reports -ERR LOSE_RACE', async () => {
    const client = await authed();
    fs.setAgentBehaviour('user/1000@default', { answerAfterMs: 5 });
    fs.setAgentBehaviour('user/1001@default', { answerAfterMs: 5000 });
    await client.send(bgapiCommand('originate {origination_uuid=w1}user/1000@default &park()', 'j-w'));
    await client.send(bgapiCommand('originate {origination_uuid=l1}user/1001@default &park()', 'j-l'));
    assert.equal(await jobBody(client, 'j-w'), '+OK w1\n');
    await client.send(bgapiCommand('uuid_kill l1 LOSE_RACE', 'j-k'));
    assert.equal(await jobBody(client, 'j-k'), '+OK\n');
    assert.equal(await jobBody(client, 'j-l'), '-ERR LOSE_RACE\n');
    await client.send(bgapiCommand('uuid_kill nope', 'j-n'));
    assert.equal(await jobBody(client, 'j-n'), '-ERR No such channel!\n');
  });

  test('event plain: only subscribed events, URL-encoded on the wire and decoded by the codec; CUSTOM by subclass', async () => {
    const plain = await authed('plain', ['CHANNEL_ANSWER', 'CUSTOM', 'sofia::transferor']);
    await plain.send(bgapiCommand("originate {origination_uuid=p1,origination_caller_id_name='Müller: +1'}sofia/internal/agent1@127.0.0.1:5090 &park()"));
    const answer = await plain.waitForEvent('CHANNEL_ANSWER');
    assert.equal(answer.get('Caller-Caller-ID-Name'), 'Müller: +1');
    assert.ok(plain.messages.every((m) => m.kind !== 'event' || (m.format === 'plain' && m.event.name === 'CHANNEL_ANSWER')));
  });

  test('drop and restart of the inbound listener (reconnect tests)', async () => {
    const client = await authed();
    fs.dropInboundConnections();
    await client.closed;
    const again = await authed();
    await fs.stopInbound();
    await again.closed;
    await assert.rejects(EslTestClient.connect(fs.inboundPort));
    await fs.startInbound();
    const back = await authed();
    assert.ok(back.messages.some((m) => m.kind === 'command-reply' && m.replyText === '+OK accepted'));
    const sockets = fs.log.entries.filter((e) => e.kind === 'connection' && e.change === 'closed').length;
    assert.equal(sockets, 2);
  });

  test('waitFor is bounded and says what it waited for', async () => {
    await assert.rejects(fs.waitForEvent('CHANNEL_ANSWER', () => true, 30), /timed out after 30 ms waiting for event CHANNEL_ANSWER/);
  });

  test('inbound exit: +OK bye, disconnect notice, close', async () => {
    const client = await authed();
    await client.send(exitCommand());
    await client.closed;
    const notice = client.messages.at(-1);
    assert.deepEqual(notice?.kind === 'disconnect-notice' && notice.body.length, 67);
  });
});

describe('FreeSWITCH double: outbound side and the shared call model', () => {
  let fs: FreeswitchDouble;
  let controller: EslTestServer;

  beforeEach(async () => {
    fs = await FreeswitchDouble.start({ secondsToMs: 10, waitTimeoutMs: 1000 });
    controller = await EslTestServer.listen();
  });
  afterEach(async () => {
    await controller.close();
    await fs.stop();
  });

  async function callIn(queue?: string): Promise<{ session: EslTestClient; uuid: string; hangup: () => void; pressDigit: (d: string) => void; socketClosed: Promise<void> }> {
    const [caller, session] = await Promise.all([fs.dial({ port: controller.port, callerIdNumber: '4711', callerIdName: 'Anna', ...(queue === undefined ? {} : { queue }) }), controller.nextSession()]);
    return { session, uuid: caller.uuid, hangup: () => caller.hangup(), pressDigit: (d) => caller.pressDigit(d), socketClosed: caller.socketClosed };
  }

  test('connect reply carries the channel data (lineup_queue, caller id, destination)', async () => {
    const { session, uuid } = await callIn('support');
    const reply = await session.send(connectCommand());
    assert.ok(reply.kind === 'command-reply');
    assert.equal(reply.replyText, '+OK\n');
    assert.equal(reply.headers.get('Socket-Mode'), 'async');
    const data = reply.channelData;
    assert.equal(data?.get('Unique-ID'), uuid);
    assert.equal(data?.get('variable_lineup_queue'), 'support');
    assert.equal(data?.get('Caller-Caller-ID-Number'), '4711');
    assert.equal(data?.get('Caller-Caller-ID-Name'), 'Anna');
    assert.equal(data?.get('Caller-Destination-Number'), '7000');
    const second = await session.send(myeventsCommand('json'));
    const again = await session.send(myeventsCommand('json'));
    assert.deepEqual([second, again].map((r) => r.kind === 'command-reply' && r.replyText), ['+OK Events Enabled', '-ERR aready enabled.']);
  });

  test('without linger the socket is closed at hangup; with linger the notice comes and exit ends it', async () => {
    const first = await callIn();
    await first.session.send(connectCommand());
    first.hangup();
    await first.socketClosed;
    assert.deepEqual(first.session.messages.at(-1)?.kind, 'disconnect-notice');

    const second = await callIn();
    await second.session.send(connectCommand());
    await second.session.send(lingerCommand(30));
    second.hangup();
    const linger = await second.session.waitFor((m) => m.kind === 'disconnect-notice', 'linger notice');
    assert.deepEqual(linger.kind === 'disconnect-notice' && [linger.disposition, linger.headers.get('Linger-Time')], ['linger', '30']);
    const bye = await second.session.send(exitCommand());
    assert.deepEqual(bye.kind === 'command-reply' && bye.replyText, '+OK bye');
    await second.socketClosed;
  });

  test('playback_terminators=none: `*` does not stop the MOH; sendmsg to an unknown uuid is refused', async () => {
    const { session, uuid, pressDigit } = await callIn();
    await session.send(connectCommand());
    await session.send(myeventsCommand('json'));
    await session.send(eventCommand('json', ['PLAYBACK_START', 'PLAYBACK_STOP']));
    await session.send(sendmsgCommand(undefined, { callCommand: 'execute', appName: 'set', appArg: 'playback_terminators=none', eventLock: true }));
    await session.send(sendmsgCommand(undefined, { callCommand: 'execute', appName: 'playback', appArg: 'local_stream://moh', eventLock: true }));
    await session.waitForEvent('PLAYBACK_START');
    pressDigit('*');
    const dtmf = await session.waitForEvent('DTMF');
    assert.equal(dtmf.get('DTMF-Digit'), '*');
    assert.equal(fs.channel(uuid)?.variables.get('playback_terminators'), 'none');
    assert.equal(session.events.some((e: EslEvent) => e.name === 'PLAYBACK_STOP'), false);
    const refused = await session.send(sendmsgCommand('no-such-uuid', { callCommand: 'hangup' }));
    assert.deepEqual(refused.kind === 'command-reply' && refused.replyText, '-ERR invalid session id [no-such-uuid]');
  });

  test('uuid_broadcast queues a playback on the channel; uuid_exists and status see live channels', async () => {
    const inbound = await EslTestClient.connect(fs.inboundPort);
    try {
      await inbound.send(authCommand('ClueCon'));
      const { session, uuid } = await callIn();
      await session.send(connectCommand());
      await session.send(myeventsCommand('json'));
      await session.send(eventCommand('json', ['PLAYBACK_START', 'PLAYBACK_STOP']));
      const broadcast = await inbound.send(apiCommand(`uuid_broadcast ${uuid} /tmp/hello.wav aleg`));
      assert.deepEqual(broadcast.kind === 'api-response' && broadcast.body, '+OK Message Sent\n');
      // mod_commands answers the same for a channel that does not exist, and a usage line without a path.
      const nowhere = await inbound.send(apiCommand('uuid_broadcast 00000000-0000-0000-0000-000000000000 /tmp/hello.wav'));
      assert.deepEqual(nowhere.kind === 'api-response' && nowhere.body, '+OK Message Sent\n');
      const usage = await inbound.send(apiCommand(`uuid_broadcast ${uuid}`));
      assert.deepEqual(usage.kind === 'api-response' && usage.body, '-USAGE: <uuid> <path> [aleg|bleg|holdb|both]\n');
      const stop = await session.waitForEvent('PLAYBACK_STOP');
      assert.deepEqual([stop.get('Playback-File-Path'), stop.get('Playback-Status')], ['/tmp/hello.wav', 'done']);
      const exists = await inbound.send(apiCommand(`uuid_exists ${uuid}`));
      assert.deepEqual(exists.kind === 'api-response' && exists.body, 'true');
      const status = await inbound.send(apiCommand('status'));
      assert.match(status.kind === 'api-response' ? status.body : '', /\n1 session\(s\)/);
    } finally {
      inbound.close();
    }
  });

  test('uuid_kill of a bridged agent hangs the caller up too; both sides see it', async () => {
    const inbound = await EslTestClient.connect(fs.inboundPort);
    try {
      await inbound.send(authCommand('ClueCon'));
      await inbound.send(eventCommand('json', CHANNEL_EVENTS));
      const { session, uuid } = await callIn();
      await session.send(connectCommand());
      await session.send(myeventsCommand('plain'));
      await inbound.send(bgapiCommand('originate {origination_uuid=ag1}user/1000@default &park()', 'o'));
      await inbound.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === 'o');
      await inbound.send(bgapiCommand(`uuid_bridge ${uuid} ag1`, 'b'));
      const bridge = await session.waitForEvent('CHANNEL_BRIDGE');
      assert.deepEqual([bridge.get('Bridge-A-Unique-ID'), bridge.get('Bridge-B-Unique-ID'), bridge.get('Other-Leg-Unique-ID')], [uuid, 'ag1', 'ag1']);
      await inbound.send(bgapiCommand('uuid_kill ag1', 'k'));
      const hangup = await session.waitForEvent('CHANNEL_HANGUP');
      assert.equal(hangup.get('Hangup-Cause'), 'NORMAL_CLEARING');
      await inbound.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === uuid);
      assert.equal(fs.channel(uuid)?.isUp, false);
    } finally {
      inbound.close();
    }
  });
});
