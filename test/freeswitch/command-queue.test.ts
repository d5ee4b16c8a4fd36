import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CommandQueue } from '../../src/freeswitch/command-queue.js';

describe('CommandQueue', () => {
  test('writes the next command only after the previous reply, and matches replies in order', async () => {
    const written: string[] = [];
    const queue = new CommandQueue((bytes) => written.push(bytes.toString()));
    const first = queue.send(Buffer.from('a\n\n'));
    const second = queue.send(Buffer.from('b\n\n'));
    assert.deepEqual(written, ['a\n\n']);
    assert.equal(queue.reply('+OK first'), true);
    assert.deepEqual(written, ['a\n\n', 'b\n\n']);
    assert.equal(queue.reply('-ERR second'), true);
    assert.deepEqual(await first, { ok: true, replyText: '+OK first' });
    assert.deepEqual(await second, { ok: true, replyText: '-ERR second' });
    assert.equal(queue.reply('+OK nobody asked'), false);
  });

  test('close resolves the command in flight and the waiting ones as closed, and refuses new ones', async () => {
    const written: string[] = [];
    const queue = new CommandQueue((bytes) => written.push(bytes.toString()));
    const inFlight = queue.send(Buffer.from('a\n\n'));
    const waiting = queue.send(Buffer.from('b\n\n'));
    queue.close();
    assert.deepEqual(await inFlight, { ok: false, reason: 'closed' });
    assert.deepEqual(await waiting, { ok: false, reason: 'closed' });
    assert.deepEqual(await queue.send(Buffer.from('c\n\n')), { ok: false, reason: 'closed' });
    assert.deepEqual(written, ['a\n\n']);
  });
});
