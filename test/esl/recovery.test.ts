import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, decodeAll, decodeChunks } from './decode-helpers.js';

function kinds(stream: string): string[] {
  return decodeAll(stream).map((r) => (r.ok ? r.message.kind : `error:${r.error.kind}`));
}

describe('decode errors are values and the stream goes on', () => {
  test('a header line without ": " drops that frame only', () => {
    assert.deepEqual(kinds('Content-Type: command/reply\nnonsense\n\nContent-Type: auth/request\n\n'), ['error:malformed-header', 'auth-request']);
  });

  test('a non-numeric Content-Length drops the frame; the next header block is read', () => {
    const results = decodeAll('Content-Type: api/response\nContent-Length: 12x\n\nContent-Type: auth/request\n\n');
    assert.deepEqual(results.map((r) => (r.ok ? r.message.kind : r.error.kind)), ['bad-content-length', 'auth-request']);
    assert.match(results[0]?.ok === false ? results[0].error.message : '', /"12x" is not a byte count/);
  });

  test('bad JSON in text/event-json drops that event; framing holds (Content-Length)', () => {
    const body = '{"Event-Name": ';
    const stream = `Content-Length: ${body.length}\nContent-Type: text/event-json\n\n${body}Content-Type: auth/request\n\n`;
    assert.deepEqual(kinds(stream), ['error:bad-json', 'auth-request']);
    const nonString = '{"Event-Name":1}';
    assert.deepEqual(kinds(`Content-Length: ${nonString.length}\nContent-Type: text/event-json\n\n${nonString}`), ['error:bad-json']);
  });

  test('a bad line inside an event-plain body drops the event', () => {
    const inner = 'Event-Name: CHANNEL_CREATE\ngarbage\n\n';
    assert.deepEqual(kinds(`Content-Length: ${inner.length}\nContent-Type: text/event-plain\n\n${inner}Content-Type: auth/request\n\n`), [
      'error:malformed-header',
      'auth-request',
    ]);
  });

  test('a stream that ends mid-frame reports truncation once, whatever the chunking', () => {
    const stream = Buffer.from('Content-Type: auth/request\n\nContent-Type: api/response\nContent-Length: 10\n\n+OK');
    for (const results of [decodeAll(stream), decodeChunks(bytes(stream))]) {
      assert.deepEqual(results.map((r) => (r.ok ? r.message.kind : r.error.kind)), ['auth-request', 'truncated']);
    }
  });

  test('an empty header name is malformed, "Name:" with nothing after it is an empty value', () => {
    assert.deepEqual(kinds(': x\n\n'), ['error:malformed-header']);
    const [reply] = decodeAll('Content-Type: command/reply\nReply-Text:\n\n');
    assert.deepEqual(reply?.ok && reply.message.kind === 'command-reply' && reply.message.replyText, '');
  });
});
