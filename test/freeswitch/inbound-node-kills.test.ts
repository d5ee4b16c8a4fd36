// Commands that scale (issue 10, item 4): pipelined bgapi on the inbound socket, and one uuid_kill per leg, only
// for a leg there is evidence of. Over the spoof FreeSWITCH; no assertion on speed.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { once as onceUnbounded } from 'node:events';
import { InboundNode, type InboundNodeConfig } from '../../src/freeswitch/inbound-node.js';
import type { OriginateRequest } from '../../src/freeswitch/originate-command.js';
import { FakeInboundFs, type FakeInboundOptions } from './fake-inbound-fs.js';
import { withNodeOnFake } from './node-on-fake.js';

const LEG = '9ee6202b-0f53-446b-ac02-66dc014b1068';
const STRANGER = '11111111-2222-3333-4444-555555555555';

function ring(uuid: string, contact = 'user/1001@pbx'): OriginateRequest {
  return { uuid, contact, timeoutSeconds: 1, callerIdNumber: '1000', callerIdName: 'Sales' };
}

function uuidOf(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** The legs ring and answer (`+OK <uuid>`) unless the contact says otherwise; kills succeed. */
function jobs(command: string): string | undefined {
  if (command.startsWith('originate') && command.includes('busy-agent')) return '-ERR USER_BUSY\n';
  if (command.startsWith('originate') && command.includes('silent-agent')) return undefined;
  if (command.startsWith('originate')) return `+OK ${/origination_uuid=([^,]+)/.exec(command)?.[1] ?? ''}\n`;
  if (command.startsWith('uuid_kill')) return '+OK\n';
  if (command.startsWith('uuid_exists')) return 'true';
  return '-ERR no reply scripted\n';
}

function withNode(run: (node: InboundNode, fake: FakeInboundFs) => Promise<void>, options: FakeInboundOptions = { jobs }, config: Partial<InboundNodeConfig> = {}): Promise<void> {
  return withNodeOnFake(run, options, config);
}

function kills(fake: FakeInboundFs, uuid: string): number {
  return fake.commands.filter((c) => c.name === 'bgapi' && c.args.startsWith(`uuid_kill ${uuid}`)).length;
}

/** One command's round trip: every command written before it has reached the fake. */
async function roundTrip(node: InboundNode): Promise<void> {
  await node.transfer(STRANGER, '1000', 'default');
}

describe('InboundNode commands under load', () => {
  test('100 originates issued at once all complete though each command/reply and each job is slow', async () => {
    // One command at a time would need 100 × 50 ms of replies before the last one is even written, past its
    // 1 s + 2 s timeout if that counted from the call; pipelined, all are written at once.
    await withNode(
      async (node) => {
        const results = await Promise.all(Array.from({ length: 100 }, (_, index) => node.originate(ring(uuidOf(index)))));
        assert.deepEqual(
          results.filter((result) => !result.ok),
          [],
        );
        assert.deepEqual(
          results.map((result) => (result.ok ? result.uuid : '')),
          Array.from({ length: 100 }, (_, index) => uuidOf(index)),
        );
      },
      { jobs, replyDelayMs: 50, jobDelayMs: 500 },
      { originateMarginMs: 2_000 },
    );
  });
});

describe('InboundNode kills: one per leg, and only of a leg there is evidence of', () => {
  test('a kill of a uuid never originated on this node is not sent', async () => {
    await withNode(async (node, fake) => {
      const result = await node.kill(STRANGER, 'ORIGINATOR_CANCEL');
      assert.ok(!result.ok && result.failure.kind === 'no-channel');
      await roundTrip(node);
      assert.equal(kills(fake, STRANGER), 0);
    });
  });

  test('a kill before the leg exists is held, and sent once when its CHANNEL_CREATE arrives', async () => {
    await withNode(async (node, fake) => {
      void node.originate(ring(LEG, 'user/silent-agent@pbx'));
      const killed = node.kill(LEG, 'ORIGINATOR_CANCEL');
      await roundTrip(node);
      assert.equal(kills(fake, LEG), 0);
      fake.emitEvent([
        ['Event-Name', 'CHANNEL_CREATE'],
        ['Unique-ID', LEG],
      ]);
      assert.deepEqual(await killed, { ok: true, reply: '' });
      assert.equal(kills(fake, LEG), 1);
    });
  });

  test('two kills of one leg send one uuid_kill, and both get its result', async () => {
    await withNode(async (node, fake) => {
      const answered = await node.originate(ring(LEG));
      assert.ok(answered.ok);
      const [first, second] = await Promise.all([node.kill(LEG, 'ORIGINATOR_CANCEL'), node.kill(LEG, 'NORMAL_CLEARING')]);
      const third = await node.kill(LEG, 'NORMAL_CLEARING');
      assert.deepEqual([first, second, third], [first, first, first]);
      assert.ok(first.ok);
      await roundTrip(node);
      assert.deepEqual(
        fake.commands.filter((c) => c.args.startsWith('uuid_kill')).map((c) => c.args),
        [`uuid_kill ${LEG} ORIGINATOR_CANCEL`],
      );
    });
  });

  test('a held kill is dropped when the originate fails: the leg never came up', async () => {
    await withNode(
      async (node, fake) => {
        const originated = node.originate(ring(LEG, 'user/busy-agent@pbx'));
        const killed = node.kill(LEG, 'ORIGINATOR_CANCEL');
        const busy = await originated;
        assert.ok(!busy.ok && busy.cause === 'USER_BUSY');
        const result = await killed;
        assert.ok(!result.ok && result.failure.kind === 'no-channel');
        await roundTrip(node);
        assert.equal(kills(fake, LEG), 0);
      },
      // The job comes late, so the kill is asked while the originate runs.
      { jobs, jobDelayMs: 100 },
    );
  });

  test('a kill after the leg ended (CHANNEL_HANGUP_COMPLETE) is not sent', async () => {
    await withNode(async (node, fake) => {
      assert.ok((await node.originate(ring(LEG))).ok);
      const ended = onceUnbounded(node, 'event', { signal: AbortSignal.timeout(5_000) });
      fake.emitEvent([
        ['Event-Name', 'CHANNEL_HANGUP_COMPLETE'],
        ['Unique-ID', LEG],
      ]);
      await ended;
      const result = await node.kill(LEG, 'NORMAL_CLEARING');
      assert.ok(!result.ok && result.failure.kind === 'no-channel');
      assert.equal(kills(fake, LEG), 0);
    });
  });

  test('when an originate times out, uuid_exists settles a held kill: sent if the channel exists', async () => {
    await withNode(
      async (node, fake) => {
        const originated = node.originate(ring(LEG, 'user/silent-agent@pbx'));
        const killed = node.kill(LEG, 'ORIGINATOR_CANCEL');
        const timedOut = await originated;
        assert.ok(!timedOut.ok && timedOut.failure.kind === 'timeout');
        assert.deepEqual(await killed, { ok: true, reply: '' });
        assert.ok(fake.commands.some((c) => c.args === `uuid_exists ${LEG}`));
        assert.equal(kills(fake, LEG), 1);
      },
      { jobs },
      { originateMarginMs: 100 },
    );
  });

  test('CHANNEL_CREATE is the node\'s own evidence, not forwarded to the controller', async () => {
    await withNode(async (node, fake) => {
      const names: string[] = [];
      node.on('event', ({ event }) => names.push(event.name));
      fake.emitEvent([
        ['Event-Name', 'CHANNEL_CREATE'],
        ['Unique-ID', LEG],
      ]);
      const ended = onceUnbounded(node, 'event', { signal: AbortSignal.timeout(5_000) });
      fake.emitEvent([
        ['Event-Name', 'CHANNEL_HANGUP_COMPLETE'],
        ['Unique-ID', LEG],
      ]);
      await ended;
      assert.deepEqual(names, ['CHANNEL_HANGUP_COMPLETE']);
    });
  });
});
