import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EslEvent } from '../../src/esl/index.js';
import { transferFromEvent } from '../../src/controller/transfer-event.js';

function transferee(referTo: string): EslEvent {
  return new EslEvent([
    ['Event-Name', 'CUSTOM'],
    ['Event-Subclass', 'sofia::transferee'],
    ['variable_sip_refer_to', referTo],
  ]);
}

test('blind and attended transfers as scenarios 10 and 13 report them; the user part is percent-decoded', () => {
  assert.deepEqual(transferFromEvent(transferee('<sip:5555@127.0.0.1>')), { transfer: 'blind', target: '5555' });
  assert.deepEqual(transferFromEvent(transferee('<sip:5555@127.0.0.1?Replaces=abc%3Bto-tag%3D1>')), { transfer: 'attended', target: '5555' });
  assert.deepEqual(transferFromEvent(transferee('<sip:sales%20desk@pbx>')), { transfer: 'blind', target: 'sales desk' });
});

test('a malformed escape in the target does not throw: the transfer is kept with the target as sent', () => {
  assert.deepEqual(transferFromEvent(transferee('<sip:caf%E9@pbx>')), { transfer: 'blind', target: 'caf%E9' });
  assert.deepEqual(transferFromEvent(transferee('<sip:50%@pbx>')), { transfer: 'blind', target: '50%' });
});

test('other events and refer-tos without a SIP user are not transfers', () => {
  assert.equal(transferFromEvent(new EslEvent([['Event-Name', 'CHANNEL_HANGUP_COMPLETE']])), undefined);
  assert.equal(transferFromEvent(transferee('<tel:+4930123>')), undefined);
});
