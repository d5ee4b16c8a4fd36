import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { once as onceUnbounded, type EventEmitter } from 'node:events';
import { InboundNode, type InboundEvent } from '../../src/freeswitch/inbound-node.js';
import { InboundPool } from '../../src/freeswitch/inbound-pool.js';
import { silentLogger } from '../../src/log.js';
import { commandReplyFrame } from '../../src/esl/index.js';
import { FakeInboundFs, type FakeInboundOptions } from './fake-inbound-fs.js';
import { withNodeOnFake } from './node-on-fake.js';

const AGENT = '9ee6202b-0f53-446b-ac02-66dc014b1068';
/** Every wait on an emitter is bounded, so a missing event fails the test instead of hanging it. */
function once(emitter: EventEmitter, name: string): Promise<unknown[]> {
  return onceUnbounded(emitter, name, { signal: AbortSignal.timeout(5_000) });
}

const GONE = '11111111-2222-3333-4444-555555555555';

/** Answers jobs the way FreeSWITCH did in the captures (scenarios 01, 04, 08). */
function jobs(command: string): string | undefined {
  if (command.startsWith('originate') && command.includes('busy-agent')) return '-ERR USER_BUSY\n';
  if (command.startsWith('originate')) return `+OK ${AGENT}\n`;
  if (command.startsWith('uuid_exists')) return command.endsWith(AGENT) ? 'true' : 'false';
  if (command.startsWith('uuid_kill') || command.startsWith('uuid_transfer')) return '+OK\n';
  return '-ERR no reply scripted\n';
}

function withNode(run: (node: InboundNode, fake: FakeInboundFs) => Promise<void>, options: FakeInboundOptions = { jobs }): Promise<void> {
  return withNodeOnFake(run, options);
}

describe('InboundNode against a spoof FreeSWITCH', () => {
  test('authenticates and subscribes to the creation and end of legs and sofia transfer events only, never ALL', async () => {
    await withNode(async (node, fake) => {
      assert.equal(node.connected, true);
      await fake.waitForCommand((c) => c.line.trim() === 'event json CUSTOM sofia::replaced');
      const lines = fake.commands.map((c) => c.line);
      assert.equal(lines[0], 'auth ClueCon');
      // CHANNEL_EXECUTE_COMPLETE is esl-lite's own (it follows executions whatever we ask for).
      const channelEvents = lines.filter((line) => line.startsWith('event json CHANNEL_'));
      assert.deepEqual(channelEvents, ['event json CHANNEL_EXECUTE_COMPLETE', 'event json CHANNEL_CREATE', 'event json CHANNEL_HANGUP_COMPLETE']);
      // esl-lite writes one trailing space after the subclass.
      assert.ok(lines.includes('event json CUSTOM sofia::transferor '));
      assert.ok(!lines.some((line) => / ALL\b/.test(line)));
      await fake.waitForCommand((c) => c.line === 'filter variable_lineup_leg agent');
      assert.deepEqual(
        fake.commands.filter((c) => c.name === 'filter').map((c) => c.line),
        ['filter Event-Name CHANNEL_HANGUP_COMPLETE', 'filter Event-Name CUSTOM', 'filter Event-Name BACKGROUND_JOB', 'filter variable_lineup_leg agent'],
      );
    });
  });

  test('when FreeSWITCH refuses one event filter, all are deleted: no subscribed event is lost to a partial filter', async () => {
    await withNode(
      async (_node, fake) => {
        await fake.waitForCommand((c) => c.line === 'filter delete all');
      },
      {
        jobs,
        intercept: (command, socket) => {
          if (command.line !== 'filter Event-Name CUSTOM') return false;
          socket.write(commandReplyFrame('-ERR invalid syntax'));
          return true;
        },
      },
    );
  });

  test('originate sends the dial string with bgapi and a Job-UUID, and returns the answered uuid', async () => {
    await withNode(async (node, fake) => {
      const result = await node.originate({ uuid: AGENT, contact: 'user/1001@pbx', timeoutSeconds: 15, callerIdNumber: '1000', callerIdName: 'Sales' });
      assert.deepEqual(result, { ok: true, uuid: AGENT });
      const sent = await fake.waitForCommand((c) => c.name === 'bgapi');
      assert.equal(
        sent.args,
        `originate {origination_uuid=${AGENT},originate_timeout=15,ignore_early_media=true,origination_caller_id_number=1000,origination_caller_id_name=Sales,lineup_leg=agent}user/1001@pbx &park()`,
      );
      // esl-lite patched: a pooled randomUUID, not a ulid built from 16 getRandomValues calls.
      assert.match(sent.headers.get('Job-UUID') ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });

  test('a failed originate returns the hangup cause; a refused request is never sent', async () => {
    await withNode(async (node, fake) => {
      const busy = await node.originate({ uuid: AGENT, contact: 'user/busy-agent@pbx', timeoutSeconds: 5, callerIdNumber: '1', callerIdName: 'x' });
      assert.ok(!busy.ok && busy.cause === 'USER_BUSY');
      const invalid = await node.originate({ uuid: AGENT, contact: 'user/1001@pbx', timeoutSeconds: 5, callerIdNumber: '1', callerIdName: "O'Brien" });
      assert.ok(!invalid.ok && invalid.failure.kind === 'invalid');
      assert.equal(fake.commands.filter((c) => c.name === 'bgapi').length, 1);
    });
  });

  test('channel events arrive typed, tagged with the node name', async () => {
    await withNode(async (node, fake) => {
      const received = once(node, 'event') as Promise<[InboundEvent]>;
      fake.emitEvent([
        ['Event-Name', 'CHANNEL_HANGUP_COMPLETE'],
        ['Unique-ID', AGENT],
        ['variable_lineup_call', 'C7'],
      ]);
      const [{ node: name, event }] = await received;
      assert.equal(name, 'fs1');
      assert.equal(event.name, 'CHANNEL_HANGUP_COMPLETE');
      assert.equal(event.get('Unique-ID'), AGENT);
      assert.equal(event.get('variable_lineup_call'), 'C7');
      const custom = once(node, 'event') as Promise<[InboundEvent]>;
      fake.emitEvent([
        ['Event-Name', 'CUSTOM'],
        ['Event-Subclass', 'sofia::transferor'],
        ['Unique-ID', AGENT],
      ]);
      const [{ event: transferor }] = await custom;
      assert.equal(transferor.subclass, 'sofia::transferor');
    });
  });

  test('after FreeSWITCH closes the socket: disconnected, reconnected (reconnect: true), channels can be reconciled', async () => {
    await withNode(async (node, fake) => {
      const disconnected = once(node, 'disconnected');
      const reconnected = once(node, 'connected');
      fake.dropConnections();
      await disconnected;
      const [state] = (await reconnected) as [{ reconnect: boolean }];
      assert.equal(state.reconnect, true);
      assert.equal(fake.connections, 2);
      const presence = await node.channelPresence([AGENT, GONE]);
      assert.deepEqual(presence, { live: [AGENT], gone: [GONE], unknown: [] });
      assert.ok(fake.commands.some((c) => c.line === `bgapi uuid_exists ${GONE}`));
    });
  });

  test('a malformed frame does not crash: esl-lite drops the socket, the node reconnects and works again', async () => {
    await withNode(async (node, fake) => {
      const reconnected = once(node, 'connected');
      fake.write('Content-Length: 9\nContent-Type: text/event-json\n\n{"broken"');
      const [state] = (await reconnected) as [{ reconnect: boolean }];
      assert.equal(state.reconnect, true);
      assert.deepEqual(await node.transfer(AGENT, '1000', 'default'), { ok: true, reply: '' });
    });
  });

  test('a job whose BACKGROUND_JOB never comes ends as a timeout value', async () => {
    await withNode(
      async (node) => {
        const result = await node.transfer(AGENT, '1000', 'default');
        assert.ok(!result.ok && result.failure.kind === 'timeout');
      },
      { jobs: () => undefined },
    );
  });
});

describe('InboundNode while FreeSWITCH is unreachable', () => {
  test('commands fail at once as disconnected instead of being queued for a later replay', async () => {
    const fake = await FakeInboundFs.start();
    const port = fake.port;
    await fake.close();
    const node = new InboundNode({ name: 'fs1', host: '127.0.0.1', port, password: 'ClueCon' }, silentLogger);
    node.start();
    try {
      const result = await node.originate({ uuid: AGENT, contact: 'user/1001@pbx', timeoutSeconds: 30, callerIdNumber: '1', callerIdName: 'q' });
      assert.ok(!result.ok && result.cause === 'ESL_DISCONNECTED' && result.failure.kind === 'disconnected');
    } finally {
      node.stop();
    }
    const stopped = await node.transfer(AGENT, '1000', 'default');
    assert.ok(!stopped.ok && stopped.failure.kind === 'closed');
  });
});

describe('InboundPool', () => {
  test('keys nodes by name and re-emits their events', async () => {
    const fakes = await Promise.all([FakeInboundFs.start({ jobs }), FakeInboundFs.start({ jobs })]);
    const created = InboundPool.create(
      fakes.map((fake, i) => ({ name: `fs${i + 1}`, host: '127.0.0.1', port: fake.port, password: 'ClueCon' })),
      silentLogger,
    );
    assert.ok(created.ok);
    const { pool } = created;
    const connectedNodes = new Set<string>();
    const bothConnected = new Promise<void>((resolve) =>
      pool.on('connected', ({ node }) => {
        connectedNodes.add(node);
        if (connectedNodes.size === 2) resolve();
      }),
    );
    pool.start();
    try {
      await bothConnected;
      assert.deepEqual(pool.names, ['fs1', 'fs2']);
      const received = once(pool, 'event') as Promise<[InboundEvent]>;
      fakes[1]?.emitEvent([
        ['Event-Name', 'CHANNEL_HANGUP_COMPLETE'],
        ['Unique-ID', AGENT],
        ['Hangup-Cause', 'NO_ANSWER'],
      ]);
      const [{ node, event }] = await received;
      assert.equal(node, 'fs2');
      assert.equal(event.get('Hangup-Cause'), 'NO_ANSWER');
      assert.ok(pool.node('fs1') instanceof InboundNode);
    } finally {
      pool.stop();
      await Promise.all(fakes.map((fake) => fake.close()));
    }
  });

  test('refuses duplicate node names', () => {
    const config = { name: 'fs1', host: '127.0.0.1', port: 8021, password: 'ClueCon' };
    const created = InboundPool.create([config, config], silentLogger);
    assert.ok(!created.ok && /used twice/.test(created.message));
  });
});
