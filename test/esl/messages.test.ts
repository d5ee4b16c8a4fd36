import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EslDecoded, EslEvent, EslMessage } from '../../src/esl/index.js';
import { capturesDir, scenariosDir } from '../support/paths.js';
import { bytes, decodeAll, decodeChunks } from './decode-helpers.js';

function messages(results: readonly EslDecoded[]): EslMessage[] {
  return results.map((r) => {
    if (!r.ok) throw new Error(r.error.message);
    return r.message;
  });
}

function events(results: readonly EslDecoded[]): EslEvent[] {
  return messages(results).flatMap((m) => (m.kind === 'event' ? [m.event] : []));
}

describe('connect reply (outbound-nc-connect-reply.txt)', () => {
  const [reply] = messages(decodeAll(readFileSync(join(capturesDir, 'outbound-nc-connect-reply.txt'))));

  test('is a command/reply carrying the URL-decoded CHANNEL_DATA', () => {
    assert.equal(reply?.kind, 'command-reply');
    if (reply?.kind !== 'command-reply') return;
    assert.equal(reply.replyText, '+OK\n', '%2BOK%0A decoded');
    assert.equal(reply.headers.get('Socket-Mode'), 'async');
    assert.equal(reply.headers.get('Control'), 'full');
    const data = reply.channelData;
    assert.ok(data);
    assert.equal(data.name, 'CHANNEL_DATA');
    assert.equal(data.get('Unique-ID'), '259a70ac-67fc-484b-ab27-6e466f518677');
    assert.equal(data.get('Caller-Destination-Number'), '7000');
    assert.equal(data.get('Channel-Name'), 'sofia/internal/sipp@127.0.0.1:5073');
    assert.equal(data.get('FreeSWITCH-IPv6'), 'fd00::2');
    assert.equal(data.get('Event-Date-GMT'), 'Sat, 21 Nov 2026 19:51:04 GMT');
    assert.equal(data.get('variable_current_application_data'), '127.0.0.1:8084 async full');
    assert.ok(data.get('variable_switch_r_sdp')?.startsWith('v=0\r\no=user1 '), 'CR LF decoded inside a value');
  });
});

describe('events from the scenario captures', () => {
  const inbound01 = decodeAll(readFileSync(join(scenariosDir, '01-answer-bridge', 'inbound-esl.txt')));

  test('inbound session starts with auth/request and the replies', () => {
    const [auth, accepted, subscribed] = messages(inbound01);
    assert.equal(auth?.kind, 'auth-request');
    assert.deepEqual(accepted?.kind === 'command-reply' && accepted.replyText, '+OK accepted');
    assert.deepEqual(subscribed?.kind === 'command-reply' && subscribed.replyText, '+OK event listener enabled json');
  });

  test('bgapi reply text contains ": " and keeps it (split at the first ": " only)', () => {
    const reply = messages(inbound01).find((m) => m.kind === 'command-reply' && m.replyText.startsWith('+OK Job-UUID'));
    assert.ok(reply?.kind === 'command-reply');
    assert.equal(reply.replyText, '+OK Job-UUID: 5ae20e9b-e696-4fb4-86a4-86dcaeff376c');
    assert.equal(reply.headers.get('Job-UUID'), '5ae20e9b-e696-4fb4-86a4-86dcaeff376c');
  });

  test('event-json BACKGROUND_JOB: body from _body, Content-Length key dropped', () => {
    const job = events(inbound01).find((e) => e.name === 'BACKGROUND_JOB' && e.get('Job-Command') === 'originate');
    assert.ok(job);
    assert.equal(job.body, '+OK 9ee6202b-0f53-446b-ac02-66dc014b1068\n');
    assert.equal(job.get('Job-Command-Arg')?.endsWith('sofia/internal/agent1@127.0.0.1:5090 &park()'), true);
    assert.equal(job.headers.has('Content-Length'), false);
    assert.equal(job.headers.has('_body'), false);
  });

  test('event-json values stay literal (no URL-decoding of JSON)', () => {
    const create = events(inbound01).find((e) => e.name === 'CHANNEL_CREATE');
    assert.equal(create?.get('Channel-Name'), 'sofia/internal/sipp@127.0.0.1:5070');
    assert.equal(create?.get('Event-Date-GMT'), 'Sat, 21 Nov 2026 20:01:34 GMT');
  });

  test('event-json arrays become multi-valued headers', () => {
    const all = events(decodeAll(readFileSync(join(scenariosDir, '13-attended-transfer', 'inbound-esl.txt'))));
    const withHistory = all.find((e) => e.getAll('variable_transfer_history').length === 2);
    assert.ok(withHistory);
    assert.match(withHistory.getAll('variable_transfer_history')[0] ?? '', /:uuid_br:/);
    assert.match(withHistory.get('variable_transfer_history') ?? '', /:bl_xfer:5555\/public\/XML$/, 'get() = last entry');
  });

  test('CUSTOM events carry their subclass', () => {
    const all = events(decodeAll(readFileSync(join(scenariosDir, '10-blind-transfer', 'inbound-esl.txt'))));
    assert.deepEqual(all.filter((e) => e.name === 'CUSTOM').map((e) => e.subclass), ['sofia::transferor', 'sofia::transferee']);
  });

  test('event-plain: URL-decoded values and ARRAY:: (URL-encoded as ARRAY%3A%3A…%7C%3A…)', () => {
    const all = events(decodeAll(readFileSync(join(scenariosDir, '10-blind-transfer', 'outbound-esl.txt'))));
    const execute = all.find((e) => e.name === 'CHANNEL_EXECUTE');
    assert.equal(execute?.get('Channel-Name'), 'sofia/internal/sipp@127.0.0.1:5070');
    const history = all.map((e) => e.getAll('variable_transfer_history')).find((h) => h.length === 2);
    assert.deepEqual(history?.map((h) => h.split(':')[2]), ['uuid_br', 'bl_xfer']);
    assert.match(history?.[1] ?? '', /:bl_xfer:5555\/public\/XML$/);
  });

  test('CUSTOM subclass in plain is URL-decoded (callcenter%3A%3Ainfo)', () => {
    const all = events(decodeAll(readFileSync(join(capturesDir, 'inbound-esl-callcenter.txt'))));
    const custom = all.filter((e) => e.name === 'CUSTOM');
    assert.ok(custom.length >= 10);
    assert.ok(custom.every((e) => e.subclass === 'callcenter::info'));
  });

  test('outbound linger notice, api/response and final disconnect notice (03)', () => {
    const all = messages(decodeAll(readFileSync(join(scenariosDir, '03-agent-no-answer', 'outbound-esl.txt'))));
    const notices = all.flatMap((m) => (m.kind === 'disconnect-notice' ? [m] : []));
    assert.deepEqual(notices.map((n) => n.disposition), ['linger', 'disconnect']);
    assert.equal(notices[0]?.headers.get('Linger-Time'), '-1');
    assert.equal(notices[0]?.headers.get('Controlled-Session-UUID'), '3368e006-e204-435b-a409-7598641f5083');
    assert.equal(notices[0]?.body, '');
    assert.equal(notices[1]?.body, 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n');
    assert.equal(Buffer.byteLength(notices[1]?.body ?? ''), 67);
    const api = all.find((m) => m.kind === 'api-response');
    assert.deepEqual(api?.kind === 'api-response' && api.body, '+OK\n');
    const bye = all.at(-2);
    assert.deepEqual(bye?.kind === 'command-reply' && bye.replyText, '+OK bye');
  });
});

describe('synthetic frames FreeSWITCH can send', () => {
  test('event-plain with an inner Content-Length body (BACKGROUND_JOB), multibyte UTF-8 split by bytes', () => {
    const inner = 'Event-Name: BACKGROUND_JOB\nJob-UUID: j1\nJob-Command: originate\nCaller-Caller-ID-Name: M%C3%BCller\nContent-Length: 16\n\n-ERR NO_ANSWER\n\n';
    // the body length counts bytes: 15 + "\n"
    const frame = `Content-Length: ${Buffer.byteLength(inner)}\nContent-Type: text/event-plain\n\n${inner}`;
    const [job] = events(decodeChunks(bytes(Buffer.from(frame))));
    assert.equal(job?.name, 'BACKGROUND_JOB');
    assert.equal(job?.body, '-ERR NO_ANSWER\n\n');
    assert.equal(job?.get('Caller-Caller-ID-Name'), 'Müller');
    assert.equal(job?.headers.has('Content-Length'), false);
  });

  test('event-json body with raw UTF-8: Content-Length is in bytes', () => {
    const body = JSON.stringify({ 'Event-Name': 'CHANNEL_CREATE', 'Caller-Caller-ID-Name': 'Müller 電話' });
    const data = Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-json\n\n${body}Content-Type: auth/request\n\n`);
    const decoded = messages(decodeChunks(bytes(data)));
    assert.deepEqual(decoded.map((m) => m.kind), ['event', 'auth-request']);
    assert.equal(decoded[0]?.kind === 'event' && decoded[0].event.get('Caller-Caller-ID-Name'), 'Müller 電話');
  });

  test('_undef_ in a serialized value means empty; malformed %-sequences keep the raw value', () => {
    const inner = 'Event-Name: CHANNEL_CREATE\nCaller-Caller-ID-Name: _undef_\nvariable_bad: 100%25%ZZ%C3\n\n';
    const [event] = events(decodeAll(`Content-Length: ${inner.length}\nContent-Type: text/event-plain\n\n${inner}`));
    assert.equal(event?.get('Caller-Caller-ID-Name'), '');
    assert.equal(event?.get('variable_bad'), '100%25%ZZ%C3');
  });

  test('text/event-xml, log/data, rude-rejection and unknown types are surfaced, not dropped', () => {
    const xml = '<event><headers><Event-Name>HEARTBEAT</Event-Name></headers></event>';
    const log = '2026-11-21 [INFO] hello\n';
    const reject = 'Access Denied, go away.\n';
    const stream =
      `Content-Length: ${xml.length}\nContent-Type: text/event-xml\n\n${xml}` +
      `Content-Type: log/data\nContent-Length: ${log.length}\nLog-Level: 6\n\n${log}` +
      `Content-Type: text/rude-rejection\nContent-Length: ${reject.length}\n\n${reject}` +
      'Content-Type: x/new-thing\n\n';
    const decoded = messages(decodeAll(stream));
    assert.deepEqual(decoded.map((m) => m.kind), ['event-xml', 'log', 'rude-rejection', 'unknown']);
    assert.deepEqual(decoded[0]?.kind === 'event-xml' && decoded[0].body, xml);
    assert.deepEqual(decoded[1]?.kind === 'log' && [decoded[1].headers.get('Log-Level'), decoded[1].body], ['6', log]);
    assert.deepEqual(decoded[3]?.kind === 'unknown' && decoded[3].contentType, 'x/new-thing');
  });

  test('"\\r\\n" line ends and leading blank lines are tolerated', () => {
    const decoded = messages(decodeAll('\r\n\nContent-Type: command/reply\r\nReply-Text: +OK\r\n\r\nContent-Type: auth/request\n\n'));
    assert.deepEqual(decoded.map((m) => (m.kind === 'command-reply' ? m.replyText : m.kind)), ['+OK', 'auth-request']);
  });

  test('header block end "\\n" + "\\n" across two chunks (esl-lite lost this message)', () => {
    const decoded = messages(decodeChunks([Buffer.from('Content-Type: command/reply\nReply-Text: +OK\n'), Buffer.from('\nContent-Type: auth/request\n\n')]));
    assert.deepEqual(decoded.map((m) => m.kind), ['command-reply', 'auth-request']);
  });
});
