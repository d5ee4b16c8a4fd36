// The `event` command as mod_event_socket.c parses it (parse_command) and delivers events (event_handler).
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authCommand, bgapiCommand, connectCommand, eventCommand } from '../../src/esl/index.js';
import { EslTestClient, EslTestServer, FreeswitchDouble } from '../double/index.js';

describe('FreeSWITCH double: event subscriptions', () => {
  let fs: FreeswitchDouble;
  let controller: EslTestServer;
  let clients: EslTestClient[];

  beforeEach(async () => {
    fs = await FreeswitchDouble.start({ secondsToMs: 10, fireTransferEvents: true, waitTimeoutMs: 1000 });
    controller = await EslTestServer.listen();
    clients = [];
  });
  afterEach(async () => {
    for (const client of clients) client.close();
    await controller.close();
    await fs.stop();
  });

  async function authed(): Promise<EslTestClient> {
    const client = await EslTestClient.connect(fs.inboundPort);
    clients.push(client);
    await client.send(authCommand('ClueCon'));
    return client;
  }

  test('a bare CUSTOM delivers no subclassed event; CUSTOM with subclasses delivers exactly those', async () => {
    const bare = await authed();
    await bare.send(eventCommand('json', ['CHANNEL_HANGUP_COMPLETE', 'CUSTOM']));
    const named = await authed();
    await named.send(eventCommand('json', [], ['sofia::transferee']));
    const [caller, session] = await Promise.all([fs.dial({ port: controller.port }), controller.nextSession()]);
    await session.send(connectCommand());
    await bare.send(bgapiCommand('originate {origination_uuid=agent-leg}user/1000@default &park()', 'o'));
    await fs.waitForEvent('BACKGROUND_JOB', (e) => e.get('Job-UUID') === 'o');
    await bare.send(bgapiCommand(`uuid_bridge ${caller.uuid} agent-leg`, 'b'));
    await fs.waitForEvent('CHANNEL_BRIDGE');
    fs.agentBlindTransfer('agent-leg', '5555');
    // Fired in this order: transferor, transferee, then the agent leg ends.
    await named.waitForEvent('CUSTOM');
    await bare.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === 'agent-leg');
    assert.deepEqual(bare.events.filter((e) => e.name === 'CUSTOM'), []);
    assert.deepEqual(named.events.map((e) => e.subclass), ['sofia::transferee']);
  });

  test('without a format word the names are read as event names and the format stays; no name at all is refused', async () => {
    const client = await authed();
    const replies: string[] = [];
    for (const line of ['event json', 'event json NO_SUCH_EVENT', 'event channel_create', 'event SWITCH_EVENT_CHANNEL_HANGUP json']) {
      const reply = await client.send(Buffer.from(`${line}\n\n`));
      replies.push(reply.kind === 'command-reply' ? reply.replyText : reply.kind);
    }
    assert.deepEqual(replies, [
      '-ERR no keywords supplied',
      '-ERR no keywords supplied',
      // `event json` above switched to json although it was refused (parse_command sets the format first).
      '+OK event listener enabled json',
      '+OK event listener enabled json',
    ]);
    const caller = await fs.dial({ port: controller.port });
    caller.hangup();
    const hangup = await client.waitFor((m) => m.kind === 'event' && m.event.name === 'CHANNEL_HANGUP', 'CHANNEL_HANGUP');
    assert.deepEqual(
      client.messages.flatMap((m) => (m.kind === 'event' ? [[m.event.name, m.format]] : [])),
      [
        ['CHANNEL_CREATE', 'json'],
        ['CHANNEL_HANGUP', 'json'],
      ],
    );
    assert.equal(hangup.kind === 'event' && hangup.event.get('Unique-ID'), caller.uuid);
  });

  test('a fresh connection without a format word gets plain events', async () => {
    const client = await authed();
    const reply = await client.send(Buffer.from('event CHANNEL_CREATE\n\n'));
    assert.deepEqual(reply.kind === 'command-reply' && reply.replyText, '+OK event listener enabled plain');
    await fs.dial({ port: controller.port });
    const created = await client.waitFor((m) => m.kind === 'event', 'CHANNEL_CREATE');
    assert.equal(created.kind === 'event' && created.format, 'plain');
  });
});
