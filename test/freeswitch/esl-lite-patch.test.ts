// Regression tests for patches/esl-lite+3.2.0.patch. Without the patch: the header terminator was searched only
// inside one TCP chunk (a reply whose "\n\n" straddles two chunks merged with the next frame, and a byte-at-a-time
// stream never parsed), header values were cut at ": ", and there was no connection-state notification (nor any
// sign of an ACL rejection, after which esl-lite just reconnects).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { FreeSwitchClient, FreeSwitchFailedCommandError, FreeSwitchParser, FreeSwitchTimeoutError } from 'esl-lite';
import { commandReplyFrame, eventFrame, EslEvent } from '../../src/esl/index.js';
import { silentLogger } from '../../src/log.js';
import { FreeswitchDouble } from '../double/index.js';
import { FakeInboundFs } from './fake-inbound-fs.js';

const replyFrame = commandReplyFrame('+OK accepted');
const jobFrame = eventFrame(new EslEvent([['Event-Name', 'BACKGROUND_JOB'], ['Job-UUID', 'J1']], '+OK done\n'), 'json');
const stream = Buffer.concat([replyFrame, jobFrame]);

async function* chunks(parts: readonly Buffer[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield part;
}

async function parse(parts: readonly Buffer[]): Promise<Array<{ type: string | undefined; body: string }>> {
  const out: Array<{ type: string | undefined; body: string }> = [];
  for await (const frame of FreeSwitchParser(chunks(parts), silentLogger)) {
    assert.ok(!(frame instanceof Error), `parser reported ${String(frame)}`);
    out.push({ type: frame.headers.contentType, body: frame.body.toString() });
  }
  return out;
}

const expected = [
  { type: 'command/reply', body: '' },
  { type: 'text/event-json', body: jobFrame.toString().split('\n\n')[1] ?? '' },
];

describe('esl-lite FreeSwitchParser (patched)', () => {
  test('parses a stream delivered one byte at a time', async () => {
    const bytes = [...stream].map((byte) => Buffer.from([byte]));
    assert.deepEqual(await parse(bytes), expected);
  });

  test('parses two frames at every split point', async () => {
    for (let split = 1; split < stream.length; split += 1) {
      assert.deepEqual(await parse([stream.subarray(0, split), stream.subarray(split)]), expected, `split at ${split}`);
    }
  });
});

describe('esl-lite FreeSwitchClient against a spoof server (patched)', () => {
  test('a reply whose blank line straddles two chunks is not merged with the next frame', async () => {
    const fake = await FakeInboundFs.start({
      intercept: (command, socket) => {
        if (command.name !== 'bgapi') return false;
        const jobUuid = command.headers.get('Job-UUID') ?? '';
        const reply = commandReplyFrame(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]);
        const job = eventFrame(new EslEvent([['Event-Name', 'BACKGROUND_JOB'], ['Job-UUID', jobUuid]], '+OK split\n'), 'json');
        // First chunk ends with "\n", the second starts with the "\n" that ends the header block.
        socket.write(reply.subarray(0, reply.length - 1), () => {
          setTimeout(() => socket.write(Buffer.concat([reply.subarray(reply.length - 1), job])), 30);
        });
        return true;
      },
    });
    const client = new FreeSwitchClient({ port: fake.port, logger: silentLogger });
    try {
      const result = await client.bgapi('status', 2_000);
      assert.ok(!(result instanceof Error), `bgapi failed: ${String(result)}`);
      assert.equal(result.body.response, '+OK split\n');
    } finally {
      client.end();
      await fake.close();
    }
  });

  test('a Reply-Text containing ": " is kept whole', async () => {
    const fake = await FakeInboundFs.start({
      intercept: (command, socket) => {
        if (command.name !== 'bgapi') return false;
        socket.write(commandReplyFrame('-ERR foo: bar'));
        return true;
      },
    });
    const client = new FreeSwitchClient({ port: fake.port, logger: silentLogger });
    try {
      const result = await client.bgapi('foo', 2_000);
      assert.ok(result instanceof FreeSwitchFailedCommandError, `expected a failed command, got ${String(result)}`);
      assert.equal(result.response, '-ERR foo: bar');
    } finally {
      client.end();
      await fake.close();
    }
  });

  test('connection emits connected, disconnected on FIN, then connected again after the reconnect', async () => {
    const fake = await FakeInboundFs.start();
    const client = new FreeSwitchClient({ port: fake.port, logger: silentLogger });
    const seen: string[] = [];
    client.connection.on('connected', () => seen.push('connected'));
    client.connection.on('disconnected', () => seen.push('disconnected'));
    try {
      while (seen.length < 1) await sleep(10);
      fake.dropConnections();
      while (seen.length < 3) await sleep(10);
      assert.deepEqual(seen, ['connected', 'disconnected', 'connected']);
      assert.equal(fake.connections, 2);
    } finally {
      client.end();
      await fake.close();
    }
  });

  test('a refused password is reported with FreeSWITCH\'s reply text', async () => {
    const fake = await FakeInboundFs.start({ password: 'secret' });
    const client = new FreeSwitchClient({ port: fake.port, password: 'wrong', logger: silentLogger });
    try {
      const [replyText] = await client.connection.onceAsync('authFailed');
      assert.equal(replyText, '-ERR invalid');
    } finally {
      client.end();
      await fake.close();
    }
  });

  test('an ACL rejection (text/rude-rejection) is reported as rejected', async () => {
    const fs = await FreeswitchDouble.start();
    fs.denyInboundByAcl(true);
    const client = new FreeSwitchClient({ port: fs.inboundPort, logger: silentLogger });
    try {
      await client.connection.onceAsync('rejected');
      assert.equal(client.stats.rudeRejections >= 1n, true);
    } finally {
      client.end();
      await fs.stop();
    }
  });
});

// Pipelining: without the patch esl-lite wrote one command, waited for its command/reply, then wrote the next,
// and each command's timeout ran from its enqueue, so commands queued behind slow replies timed out unsent (and
// were still sent afterwards).
describe('esl-lite FreeSwitchClient pipelining (patched)', () => {
  test('the next command is written before the previous one is answered', async () => {
    const held: Array<() => void> = [];
    const fake = await FakeInboundFs.start({
      intercept: (command, socket) => {
        if (command.name !== 'bgapi') return false;
        const jobUuid = command.headers.get('Job-UUID') ?? '';
        held.push(() => {
          socket.write(commandReplyFrame(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]));
          socket.write(eventFrame(new EslEvent([['Event-Name', 'BACKGROUND_JOB'], ['Job-UUID', jobUuid]], `+OK ${command.args}\n`), 'json'));
        });
        // No reply before all three commands arrived: one command at a time would never get there.
        if (held.length === 3) for (const answer of held) answer();
        return true;
      },
    });
    const client = new FreeSwitchClient({ port: fake.port, logger: silentLogger });
    try {
      const results = await Promise.all(['one', 'two', 'three'].map((args) => client.bgapi(`echo ${args}`, 5_000)));
      assert.deepEqual(
        results.map((result) => (result instanceof Error ? String(result) : result.body.response)),
        ['+OK echo one\n', '+OK echo two\n', '+OK echo three\n'],
      );
    } finally {
      client.end();
      await fake.close();
    }
  });

  test('a reply that comes after its command timed out is still matched by order, not given to the next command', async () => {
    const fake = await FakeInboundFs.start({ replyDelayMs: 300, jobs: (command) => `+OK ${command}\n` });
    const client = new FreeSwitchClient({ port: fake.port, logger: silentLogger });
    try {
      await client.connection.onceAsync('connected');
      const [first, second] = await Promise.all([client.bgapi('echo first', 50), client.bgapi('echo second', 5_000)]);
      assert.ok(first instanceof FreeSwitchTimeoutError, `expected a timeout, got ${String(first)}`);
      assert.ok(!(second instanceof Error), `second failed: ${String(second)}`);
      assert.equal(second.body.response, '+OK echo second\n');
    } finally {
      client.end();
      await fake.close();
    }
  });

  test('the timeout runs from the write: a command queued behind a slow auth reply does not time out', async () => {
    const fake = await FakeInboundFs.start({
      jobs: () => '+OK done\n',
      intercept: (command, socket) => {
        if (command.name !== 'auth') return false;
        setTimeout(() => socket.write(commandReplyFrame('+OK accepted')), 400);
        return true;
      },
    });
    const client = new FreeSwitchClient({ port: fake.port, logger: silentLogger });
    try {
      // Queued at once; written after the auth reply, ≥ 400 ms later, then answered at once.
      const result = await client.bgapi('status', 200);
      assert.ok(!(result instanceof Error), `bgapi failed: ${String(result)}`);
      assert.equal(result.body.response, '+OK done\n');
    } finally {
      client.end();
      await fake.close();
    }
  });
});
