import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJsonEvent } from '../../src/esl/event-json.js';
import { isDecodeError } from '../../src/esl/errors.js';

const body = (object: object): Buffer => Buffer.from(JSON.stringify(object), 'utf8');

describe('an event-json event read in place', () => {
  test('headers in wire order, without the body and its length; the body apart', () => {
    const event = parseJsonEvent(body({ 'Event-Name': 'BACKGROUND_JOB', 'Job-UUID': 'J1', 'Content-Length': '4', _body: '+OK\n', 'X-Multi': ['a', 'b'] }));
    assert.ok(!isDecodeError(event));
    assert.deepEqual([...event.headers], [
      ['Event-Name', 'BACKGROUND_JOB'],
      ['Job-UUID', 'J1'],
      ['X-Multi', ['a', 'b']],
    ]);
    assert.equal(event.headers.size, 3);
    assert.deepEqual([...event.headers.keys()], ['Event-Name', 'Job-UUID', 'X-Multi']);
    assert.equal(event.body, '+OK\n');
    assert.equal(event.get('Content-Length'), undefined);
    assert.equal(event.get('_body'), undefined);
    assert.deepEqual(event.getAll('X-Multi'), ['a', 'b']);
  });

  test("names of Object.prototype are not headers unless FreeSWITCH sent them", () => {
    const event = parseJsonEvent(body({ 'Event-Name': 'CUSTOM', constructor: 'sent' }));
    assert.ok(!isDecodeError(event));
    assert.equal(event.get('toString'), undefined);
    assert.equal(event.headers.has('hasOwnProperty'), false);
    assert.equal(event.get('constructor'), 'sent');
  });

  test('a value that is neither a string nor strings is refused, as before', () => {
    assert.ok(isDecodeError(parseJsonEvent(body({ 'Event-Name': 'X', 'Bad': 1 }))));
    assert.ok(isDecodeError(parseJsonEvent(body({ 'Event-Name': 'X', 'Bad': ['a', 2] }))));
  });
});
