import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EslDecoder,
  apiCommand,
  EslEncodeError,
  EslEvent,
  FrameDecoder,
  apiResponseFrame,
  authCommand,
  authRequestFrame,
  bgapiCommand,
  channelDataReplyFrame,
  commandReplyFrame,
  connectCommand,
  disconnectNoticeFrame,
  eventCommand,
  eventFrame,
  exitCommand,
  lingerCommand,
  lingerNoticeFrame,
  myeventsCommand,
  resumeCommand,
  rudeRejectionFrame,
  sendmsgCommand,
  toCommand,
  type EslCommand,
  type EslMessage,
} from '../../src/esl/index.js';
import { scenariosDir } from '../support/paths.js';
import { decodeAll } from './decode-helpers.js';

function commandsOf(data: Buffer): EslCommand[] {
  return new FrameDecoder().push(data).map((r) => {
    assert.ok(r.ok);
    return toCommand(r.frame);
  });
}

function only(data: Buffer): EslMessage {
  const results = decodeAll(data);
  assert.equal(results.length, 1);
  const [first] = results;
  assert.ok(first?.ok, 'decodes');
  return first.message;
}

describe('client commands, byte for byte as in the captures', () => {
  test('scenario 12 outbound session (sendmsg execute with/without event-lock, hangup, api, exit)', () => {
    const sent = readFileSync(join(scenariosDir, '12-playback-and-say', 'outbound-esl.sent.txt'));
    const rebuilt = commandsOf(sent).map((command) => {
      switch (command.name) {
        case 'connect':
          return connectCommand();
        case 'myevents':
          return myeventsCommand();
        case 'linger':
          return lingerCommand();
        case 'exit':
          return exitCommand();
        case 'event': {
          const [format, ...names] = command.args.split(' ');
          assert.ok(format === 'plain' || format === 'json');
          return eventCommand(format, names);
        }
        case 'api':
          return apiCommand(command.args);
        case 'sendmsg': {
          const h = command.headers;
          if (h.get('call-command') === 'hangup') return sendmsgCommand(undefined, { callCommand: 'hangup', hangupCause: h.get('hangup-cause') ?? '' });
          return sendmsgCommand(undefined, {
            callCommand: 'execute',
            appName: h.get('execute-app-name') ?? '',
            ...(h.has('execute-app-arg') ? { appArg: h.get('execute-app-arg') } : {}),
            eventLock: h.get('event-lock') === 'true',
            eventUuid: h.get('Event-UUID') ?? '',
          });
        }
        default:
          throw new Error(`unexpected ${command.line}`);
      }
    });
    assert.equal(Buffer.concat(rebuilt).toString(), sent.toString());
  });

  test('scenario 01 inbound session (auth, event json … CUSTOM …, bgapi)', () => {
    const sent = readFileSync(join(scenariosDir, '01-answer-bridge', 'inbound-esl.sent.txt'));
    const [auth, event, originate, bridge, exit] = commandsOf(sent);
    const [, ...names] = (event?.args ?? '').split(' ');
    const custom = names.indexOf('CUSTOM');
    const rebuilt = [
      authCommand(auth?.args ?? ''),
      eventCommand('json', names.slice(0, custom), names.slice(custom + 1)),
      bgapiCommand(originate?.args ?? ''),
      bgapiCommand(bridge?.args ?? ''),
      exit?.name === 'exit' ? exitCommand() : Buffer.alloc(0),
    ];
    assert.equal(Buffer.concat(rebuilt).toString(), sent.toString());
  });

  test('bgapi with Job-UUID and sendmsg <uuid> with a long/multiline argument in a text/plain body', () => {
    assert.equal(bgapiCommand('status', 'j-1').toString(), 'bgapi status\nJob-UUID: j-1\n\n');
    const arg = 'line one\nline two ü';
    const [command] = commandsOf(sendmsgCommand('u-1', { callCommand: 'execute', appName: 'playback', appArg: arg, loops: 2, eventUuid: 'e-1' }));
    assert.equal(command?.line, 'sendmsg u-1');
    assert.equal(command?.headers.get('execute-app-arg'), undefined);
    assert.equal(command?.headers.get('loops'), '2');
    assert.equal(command?.headers.get('content-type'), 'text/plain');
    assert.equal(command?.body, arg);
  });

  test('resume and rude rejection frames', () => {
    assert.equal(resumeCommand().toString(), 'resume\n\n');
    const rejection = only(rudeRejectionFrame());
    assert.deepEqual(rejection.kind === 'rude-rejection' && rejection.body, 'Access Denied, go away.\n');
  });

  test('a line break in a header value is refused, not sent', () => {
    assert.throws(() => bgapiCommand('status', 'a\nb'), EslEncodeError);
    assert.throws(() => authCommand('pw\n\nexit'), EslEncodeError);
  });
});

describe('FreeSWITCH-side frames decode back to what was encoded', () => {
  const event = new EslEvent(
    [
      ['Event-Name', 'BACKGROUND_JOB'],
      ['Caller-Caller-ID-Name', 'Müller: +1 <x>'],
      ['variable_transfer_history', ['1:a:uuid_br:b', '2:c:bl_xfer:5555/public/XML']],
      ['Empty', ''],
    ],
    '+OK uuid-1\n',
  );

  for (const format of ['plain', 'json'] as const) {
    test(`event ${format} round trip with body, array and UTF-8`, () => {
      const message = only(eventFrame(event, format));
      assert.ok(message.kind === 'event');
      assert.equal(message.format, format);
      assert.deepEqual([...message.event.headers], [...event.headers]);
      assert.equal(message.event.body, event.body);
    });
  }

  test('event without body: plain ends with the blank line, json has no _body', () => {
    const bare = new EslEvent([['Event-Name', 'HEARTBEAT']]);
    assert.equal(eventFrame(bare, 'plain').toString(), 'Content-Length: 23\nContent-Type: text/event-plain\n\nEvent-Name: HEARTBEAT\n\n');
    assert.equal(eventFrame(bare, 'json').toString(), 'Content-Length: 26\nContent-Type: text/event-json\n\n{"Event-Name":"HEARTBEAT"}');
  });

  test('connect reply: CHANNEL_DATA URL-encoded, Reply-Text %2BOK%0A', () => {
    const data = new EslEvent([
      ['Event-Name', 'CHANNEL_DATA'],
      ['Channel-Name', 'sofia/internal/sipp@127.0.0.1:5070'],
      ['variable_lineup_queue', 'support'],
    ]);
    const frame = channelDataReplyFrame(data);
    assert.match(frame.toString(), /Channel-Name: sofia\/internal\/sipp%40127\.0\.0\.1%3A5070\n/);
    assert.match(frame.toString(), /Reply-Text: %2BOK%0A\nSocket-Mode: async\nControl: full\n\n$/);
    const reply = only(frame);
    assert.ok(reply.kind === 'command-reply');
    assert.equal(reply.replyText, '+OK\n');
    assert.equal(reply.channelData?.get('variable_lineup_queue'), 'support');
  });

  test('replies and notices', () => {
    const stream = Buffer.concat([
      authRequestFrame(),
      commandReplyFrame('+OK Job-UUID: j1', [['Job-UUID', 'j1']]),
      apiResponseFrame('-ERR no such channel\n'),
      lingerNoticeFrame('c1', 'sofia/internal/sipp@127.0.0.1:5070', -1),
      disconnectNoticeFrame('c1'),
    ]);
    const decoder = new EslDecoder();
    const out = decoder.push(stream).map((r) => (r.ok ? r.message : r.error.message));
    assert.deepEqual(
      out.map((m) => (typeof m === 'string' ? m : m.kind)),
      ['auth-request', 'command-reply', 'api-response', 'disconnect-notice', 'disconnect-notice'],
    );
    const [, reply, api, linger, bye] = out;
    assert.ok(typeof reply !== 'string' && reply?.kind === 'command-reply' && reply.headers.get('Job-UUID') === 'j1');
    assert.ok(typeof api !== 'string' && api?.kind === 'api-response' && api.body === '-ERR no such channel\n');
    assert.ok(typeof linger !== 'string' && linger?.kind === 'disconnect-notice' && linger.headers.get('Linger-Time') === '-1');
    assert.ok(typeof bye !== 'string' && bye?.kind === 'disconnect-notice' && bye.disposition === 'disconnect' && bye.body.length === 67);
  });

  test('linger/disconnect notices equal the captured bytes (scenario 02)', () => {
    const captured = readFileSync(join(scenariosDir, '02-caller-hangs-up-after-bridge', 'outbound-esl.txt')).toString();
    const uuid = 'ef54b548-1e2c-4963-afc1-d7042d4bdd95';
    assert.ok(captured.includes(lingerNoticeFrame(uuid, 'sofia/internal/sipp@127.0.0.1:5070', -1).toString()));
    assert.ok(captured.endsWith(disconnectNoticeFrame(uuid).toString()));
  });
});
