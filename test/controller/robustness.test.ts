// The controller keeps serving through bad input and a lost event socket: an unknown queue,
// malformed ESL frames on either socket, the inbound connection dropped while an agent rings or
// while a call is connected, and configuration changed in the tables while callers wait.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { pollUntil, startStack, type Stack } from './stack.js';

let stack: Stack;
before(async () => {
  stack = await startStack({ injector: true });
  await stack.addQueue('good', { strategy: 'top-down' });
  await stack.addAgent('r1');
  const tiers = [{ queue: 'good', agentId: 'r1', level: 1, position: 1 }];
  for (const tier of tiers) await stack.addTier(tier);
  await stack.configured({ queues: ['good'], agents: ['r1'], tiers });
  stack.setStatus('r1', 'Available');
});
after(() => stack.stop());

/** A full call to `good` still works: ENTERQUEUE … COMPLETECALLER, agent r1 free again. */
async function goodCallWorks(): Promise<void> {
  const call = await stack.connectCall('good');
  call.caller.hangup();
  assert.deepEqual(await stack.eventsOf(call.caller.uuid, 'COMPLETECALLER'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETECALLER']);
  await stack.agentLive(call.agentId, (row) => row.state === 'Waiting' && row.callId === null);
}

/** Resolves once the controller opened an inbound connection numbered above `after`. */
function inboundReconnect(after: number): Promise<number> {
  return stack.fs.waitFor(
    (e) => (e.kind === 'connection' && e.side === 'inbound' && e.change === 'opened' && e.connection > after ? e.connection : undefined),
    'an inbound reconnect',
    5_000,
  );
}

function lastInboundConnection(): number {
  const opened = stack.fs.log.entries.flatMap((e) => (e.kind === 'connection' && e.side === 'inbound' && e.change === 'opened' ? [e.connection] : []));
  return opened.at(-1) ?? 0;
}

/** The controller authenticated on its inbound socket again (subscribed to events). */
async function inboundReady(connection: number): Promise<void> {
  await stack.fs.waitFor((e) => (e.kind === 'command' && e.record.side === 'inbound' && e.record.connection === connection && e.record.command.line.startsWith('event') ? true : undefined), 'event subscription', 5_000);
}

describe('bad input', () => {
  test('an unknown queue: resume + exit, no row; the next call to a good queue works', async () => {
    const lost = await stack.dial({ queue: 'no-such-queue' });
    await lost.socketClosed;
    assert.deepEqual(lost.socketCommands().slice(-2), ['resume', 'exit']);
    const rows = await stack.controller.database.db.selectFrom('queueEvents').select('event').where('callId', '=', lost.uuid).execute();
    assert.deepEqual(rows, []);
    const byNumber = await stack.dial({ destination: '0000' }); // no queue has this extension either
    await byNumber.socketClosed;
    assert.deepEqual(byNumber.socketCommands().slice(-2), ['resume', 'exit']);
    const warning = await stack.waitForLog((r) => r['callId'] === lost.uuid && r.level === 40, 'warning for the unknown queue');
    assert.match(warning.msg, /no queue has this name or extension/);
    assert.equal(warning['queue'], 'no-such-queue');
    await goodCallWorks();
  });

  test('an agent contact that cannot be dialled: RINGUNAVAILABLE (not a retry loop), the next agent connects', async () => {
    const tiers = [
      { queue: 'bad-contact', agentId: 'bad', level: 1, position: 1 },
      { queue: 'bad-contact', agentId: 'fine', level: 1, position: 2 },
    ];
    await stack.addQueue('bad-contact', { strategy: 'top-down' });
    await stack.addAgent('bad', { contact: 'user/has space@default' });
    await stack.addAgent('fine');
    for (const tier of tiers) await stack.addTier(tier);
    await stack.configured({ queues: ['bad-contact'], agents: ['bad', 'fine'], tiers });
    stack.setStatus('bad', 'Available');
    stack.setStatus('fine', 'Available');
    const call = await stack.connectCall('bad-contact');
    assert.equal(call.agentId, 'fine');
    call.caller.hangup();
    const rows = await stack.rowsOf({ callId: call.caller.uuid }, 'COMPLETECALLER');
    assert.deepEqual(
      rows.map((row) => [row.event, row.agentId]),
      [
        ['ENTERQUEUE', null],
        ['OFFER', 'bad'],
        ['RINGUNAVAILABLE', 'bad'],
        ['OFFER', 'fine'],
        ['CONNECT', 'fine'],
        ['COMPLETECALLER', 'fine'],
      ],
    );
    await stack.waitForLog((r) => r.msg === 'FreeSWITCH command not sent: invalid arguments', 'about the contact');
  });

  test('a malformed frame on an outbound socket: that socket is closed, the controller keeps serving', async () => {
    const socket = connect(stack.controller.outboundPort, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => socket.destroy());
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('Content-Type: command/reply\nContent-Length: many\n\ngarbage\n\n');
    const timeout = setTimeout(() => socket.destroy(new Error('the controller did not close the socket')), 3_000);
    await closed;
    clearTimeout(timeout);
    assert.ok(!socket.errored, String(socket.errored));
    assert.match(Buffer.concat(received).toString(), /^connect\n\n/);
    await stack.waitForLog((r) => typeof r.msg === 'string' && /malformed/i.test(`${r.msg} ${JSON.stringify(r)}`), 'about the malformed frame');
    await goodCallWorks();
  });

  test('malformed frames on the inbound event socket: the controller keeps serving', async () => {
    const before = lastInboundConnection();
    const written = stack.injector?.inject(
      'Content-Type: text/event-json\nContent-Length: 9\n\nnot json!' + 'Content-Type: text/who-knows\nContent-Length: 3\n\nabc' + 'Content-Length: x\n\n',
    );
    assert.equal(written, 1);
    // esl-lite drops the socket on a malformed frame: a call placed before it is back would have its
    // originate replayed on the new socket (a re-offer), so the call waits for the reconnect.
    await inboundReady(await inboundReconnect(before));
    await goodCallWorks();
  });
});

describe('event socket lost', () => {
  test('a caller arriving while it is down: the ring waits for the reconnect (no offer storm), then connects', async () => {
    const before = lastInboundConnection();
    await stack.fs.stopInbound();
    const caller = await stack.dial({ queue: 'good' });
    const waiting = await stack.rowsOf({ callId: caller.uuid }, 'OFFER');
    assert.deepEqual(waiting.map((row) => row.event), ['ENTERQUEUE', 'OFFER']);
    assert.equal(stack.originates(caller.uuid).length, 0);
    await stack.fs.startInbound();
    await inboundReconnect(before);
    await stack.rowsOf({ callId: caller.uuid }, 'CONNECT');
    caller.hangup();
    assert.deepEqual(await stack.eventsOf(caller.uuid, 'COMPLETECALLER'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETECALLER']);
    assert.equal(stack.originates(caller.uuid).length, 1);
  });

  test('dropped while an agent rings: the ring is settled, nobody stays stuck, the call connects after reconnect', async () => {
    await stack.addAgent('r2');
    const tier = { queue: 'ring-drop', agentId: 'r2', level: 1, position: 1 };
    await stack.addQueue('ring-drop', { strategy: 'top-down', maxRingSeconds: 30 });
    await stack.addTier(tier);
    await stack.configured({ queues: ['ring-drop'], agents: ['r2'], tiers: [tier] });
    stack.fs.setAgentBehaviour('user/r2@default', { answerAfterMs: 150 });
    stack.setStatus('r2', 'Available');
    const before = lastInboundConnection();
    const caller = await stack.dial({ queue: 'ring-drop' });
    const [first] = await stack.waitForOriginates(caller.uuid, 1);
    stack.fs.dropInboundConnections();
    await inboundReady(await inboundReconnect(before));
    // The first leg may answer unseen; the controller must not leave r2 Receiving nor the caller waiting forever.
    const rows = await stack.rowsOf({ callId: caller.uuid }, 'CONNECT');
    assert.ok(rows.some((row) => row.event === 'CONNECT'), `no CONNECT: ${JSON.stringify(rows.map((r) => r.event))} (first leg ${first?.legUuid})`);
    await stack.agentLive('r2', (row) => row.state === 'In a queue call' && row.callId === caller.uuid);
    caller.hangup();
    assert.deepEqual((await stack.eventsOf(caller.uuid, 'COMPLETECALLER')).filter((e) => e === 'COMPLETECALLER'), ['COMPLETECALLER']);
    await stack.agentLive('r2', (row) => row.state === 'Waiting' && row.callId === null);
    const live = stack.fs.events.filter((e) => e.name === 'CHANNEL_CREATE' && e.get('variable_lineup_call_id') === caller.uuid).map((e) => e.get('Unique-ID') ?? '');
    for (const uuid of live) assert.equal(stack.fs.channel(uuid)?.isUp ?? false, false, `agent leg ${uuid} left up`);
  });

  test('down while a call is connected and the agent hangs up: COMPLETEAGENT, the agent is free after reconnect', async () => {
    const call = await stack.connectCall('good');
    const before = lastInboundConnection();
    await stack.fs.stopInbound();
    stack.fs.hangupAgent(call.agentLeg);
    assert.deepEqual(await stack.eventsOf(call.caller.uuid, 'COMPLETEAGENT'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETEAGENT']);
    await stack.fs.startInbound();
    await inboundReady(await inboundReconnect(before));
    await stack.agentLive(call.agentId, (row) => row.state === 'Waiting' && row.callId === null);
    await goodCallWorks();
  });
});

describe('configuration changed live', () => {
  test('a queue\'s strategy changed while a caller waits takes effect for its next offer', async () => {
    const agents = ['c1', 'c2'];
    const tiers = [
      { queue: 'live', agentId: 'c1', level: 1, position: 1 },
      { queue: 'live', agentId: 'c2', level: 1, position: 2 },
    ];
    await stack.addQueue('live', { strategy: 'top-down' });
    for (const id of agents) await stack.addAgent(id);
    for (const tier of tiers) await stack.addTier(tier);
    await stack.configured({ queues: ['live'], agents, tiers });
    const caller = await stack.dial({ queue: 'live' });
    await stack.rowsOf({ callId: caller.uuid }, 'ENTERQUEUE');
    const appliedBefore = stack.logs.filter((r) => r.msg === 'configuration change applied').length;
    await stack.updateQueue('live', { strategy: 'ring-all' });
    await pollUntil(
      () => stack.logs.filter((r) => r.msg === 'configuration change applied').length,
      (n) => n > appliedBefore,
    );
    stack.fs.setAgentBehaviour('user/c1@default', { answerAfterMs: 40 });
    stack.fs.setAgentBehaviour('user/c2@default', { answerAfterMs: 5_000 });
    stack.setStatus('c1', 'Available');
    stack.setStatus('c2', 'Available');
    const sent = await stack.waitForOriginates(caller.uuid, 2);
    assert.deepEqual(sent.map((o) => o.agentId).sort(), ['c1', 'c2']);
    caller.hangup();
    await stack.eventsOf(caller.uuid, 'COMPLETECALLER');
  });
});
