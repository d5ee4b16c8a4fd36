import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import {
  apiResponseFrame,
  channelDataReplyFrame,
  commandReplyFrame,
  disconnectNoticeFrame,
  eventFrame,
  EslEvent,
  FrameDecoder,
  lingerNoticeFrame,
} from '../../src/esl/index.js';
import type { CallConnection } from '../../src/freeswitch/call-connection.js';
import { OutboundServer } from '../../src/freeswitch/outbound-server.js';
import { silentLogger } from '../../src/log.js';
import { scenariosDir } from '../support/paths.js';
import { dialWithRecording, recordedAnswers } from './capture-dialer.js';

const CALLER = '090c8298-3dfe-444a-a9ac-bffd7c4391ea';

async function withServer(run: (server: OutboundServer) => Promise<void>, newUuid?: () => string): Promise<void> {
  const listening = await OutboundServer.listen({ port: 0, lingerGraceMs: 200, ...(newUuid === undefined ? {} : { newUuid }) }, silentLogger);
  assert.ok(listening.ok, listening.ok ? '' : listening.message);
  try {
    await run(listening.server);
  } finally {
    await listening.server.close();
  }
}

function nextCall(server: OutboundServer): Promise<CallConnection> {
  return once(server, 'call', { signal: AbortSignal.timeout(5_000) }).then(([call]) => call as CallConnection);
}

const channel = new EslEvent([
  ['Event-Name', 'CHANNEL_DATA'],
  ['Unique-ID', CALLER],
  ['Channel-Name', 'sofia/internal/1000@127.0.0.1:5070'],
  ['Caller-Caller-ID-Number', '1000'],
  ['Caller-Caller-ID-Name', 'Jane Doe'],
  ['Caller-Destination-Number', '7000'],
  ['variable_lineup_queue', 'sales'],
]);

const event = (headers: ReadonlyArray<readonly [string, string]>): Buffer =>
  eventFrame(new EslEvent([...headers, ['Unique-ID', CALLER]]), 'json');

/** What FreeSWITCH answers to `api uuid_setvar … socket_resume true`, the last command of the setup. */
const socketResumeAnswer = apiResponseFrame('+OK');
/** The setup's commands after linger, which the recorded sessions predate. */
const socketResumeCommand = `api uuid_setvar ${CALLER} socket_resume true\n\n`;

/** What FreeSWITCH answers to connect, myevents, event json …, linger, api uuid_setvar. */
const setupAnswers = [
  channelDataReplyFrame(channel),
  commandReplyFrame('+OK Events Enabled'),
  commandReplyFrame('+OK event listener enabled json'),
  commandReplyFrame('+OK will linger'),
  socketResumeAnswer,
];

const goodbye = Buffer.concat([commandReplyFrame('+OK bye'), disconnectNoticeFrame(CALLER)]);
const hangupAndLinger = Buffer.concat([
  event([['Event-Name', 'CHANNEL_HANGUP'], ['Hangup-Cause', 'NORMAL_CLEARING']]),
  lingerNoticeFrame(CALLER, 'sofia/internal/1000@127.0.0.1:5070', -1),
  event([['Event-Name', 'CHANNEL_HANGUP_COMPLETE'], ['Hangup-Cause', 'NORMAL_CLEARING']]),
]);

describe('OutboundServer / CallConnection', () => {
  test('replays scenario 01 (answer, MOH, uuid_bridge, agent BYE): sends exactly the recorded commands', async () => {
    const dir = join(scenariosDir, '01-answer-bridge');
    const recordedUuids = ['f9164d44-9eec-427b-9258-8510030f0ce3', '2423b349-3f11-4264-aff8-e1c74fff533b'];
    await withServer(
      async (server) => {
        const callReady = nextCall(server);
        const answers = recordedAnswers(join(dir, 'outbound-esl.txt'));
        answers.splice(setupAnswers.indexOf(socketResumeAnswer), 0, socketResumeAnswer);
        const sentBytes = dialWithRecording(server.port, answers);
        const call = await callReady;
        assert.equal(call.channel.uuid, CALLER);
        assert.equal(call.channel.destinationNumber, '7000');
        assert.equal(call.channel.callerIdNumber, 'sipp');
        assert.equal(call.channel.variables.get('socket_host'), '127.0.0.1');
        const completed: string[] = [];
        const bridged: string[] = [];
        const hangups: string[] = [];
        call.on('executeComplete', ({ application }) => completed.push(application));
        call.on('bridge', ({ otherUuid }) => bridged.push(otherUuid));
        call.on('hangup', ({ cause }) => hangups.push(cause));
        const answer = call.execute('answer', undefined, { eventLock: true });
        const moh = call.execute('playback', 'local_stream://moh', { eventLock: true });
        assert.deepEqual(await answer, { ok: true, application: 'answer', response: '_none_' });
        assert.deepEqual(await moh, { ok: true, application: 'playback', response: 'PLAYBACK ERROR' });
        const recorded = readFileSync(join(dir, 'outbound-esl.sent.txt'), 'utf8');
        assert.equal((await sentBytes).toString('utf8'), recorded.replace('linger\n\n', `linger\n\n${socketResumeCommand}`));
        // uuid_bridge ends the socket app while the socket stays up; then the agent's BYE ends the caller.
        assert.deepEqual(completed, ['answer', 'playback', 'socket']);
        assert.deepEqual(bridged, ['9ee6202b-0f53-446b-ac02-66dc014b1068']);
        assert.deepEqual(hangups, ['NORMAL_CLEARING']);
        assert.equal(call.closed, true);
      },
      () => recordedUuids.shift() ?? 'no-more-recorded-uuids',
    );
  });

  test('an execute pending when the channel hangs up resolves with the cause; exit follows the linger notice', async () => {
    await withServer(async (server) => {
      const callReady = nextCall(server);
      const sent = dialWithRecording(server.port, [...setupAnswers, Buffer.concat([commandReplyFrame('+OK'), hangupAndLinger]), goodbye]);
      const call = await callReady;
      assert.equal(call.channel.callerIdName, 'Jane Doe');
      assert.equal(call.channel.variables.get('lineup_queue'), 'sales');
      const result = await call.execute('playback', 'local_stream://moh', { eventLock: true });
      assert.deepEqual(result, { ok: false, reason: 'hangup', cause: 'NORMAL_CLEARING' });
      assert.match((await sent).toString(), /\nexit\n\n$/);
      assert.deepEqual(await call.execute('answer'), { ok: false, reason: 'hangup', cause: 'NORMAL_CLEARING' });
    });
  });

  test('subscribes to the events it needs, with our Event-UUID on every execute', async () => {
    await withServer(async (server) => {
      const callReady = nextCall(server);
      const sent = dialWithRecording(server.port, [...setupAnswers, commandReplyFrame('+OK'), Buffer.concat([commandReplyFrame('+OK'), hangupAndLinger]), goodbye]);
      const call = await callReady;
      void call.playMusicOnHold('local_stream://moh');
      const text = (await sent).toString();
      assert.match(
        text,
        /^connect\n\nmyevents\n\nevent json CHANNEL_EXECUTE CHANNEL_EXECUTE_COMPLETE CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_PARK CHANNEL_UNPARK CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE PLAYBACK_START PLAYBACK_STOP DTMF\n\nlinger\n\n/,
      );
      assert.match(text, /execute-app-name: set\nexecute-app-arg: playback_terminators=none\nevent-lock: true\nEvent-UUID: [0-9a-f-]{36}\n/);
      // Hold music without event-lock: announcements sent later run nested inside it (scenario 12).
      assert.match(text, /execute-app-name: playback\nexecute-app-arg: local_stream:\/\/moh\nEvent-UUID: [0-9a-f-]{36}\n/);
    });
  });

  test('typed DTMF, bridge and hangup events', async () => {
    await withServer(async (server) => {
      const callReady = nextCall(server);
      const events = Buffer.concat([
        event([['Event-Name', 'DTMF'], ['DTMF-Digit', '5'], ['DTMF-Source', 'ENDPOINT']]),
        event([['Event-Name', 'CHANNEL_BRIDGE'], ['Other-Leg-Unique-ID', 'agent-leg']]),
        event([['Event-Name', 'CHANNEL_UNBRIDGE'], ['Other-Leg-Unique-ID', 'agent-leg']]),
        hangupAndLinger,
      ]);
      const sent = dialWithRecording(server.port, [...setupAnswers, Buffer.concat([commandReplyFrame('+OK'), events]), goodbye]);
      const call = await callReady;
      const seen: string[] = [];
      call.on('dtmf', ({ digit, source }) => seen.push(`dtmf ${digit} ${source}`));
      call.on('bridge', ({ otherUuid }) => seen.push(`bridge ${otherUuid}`));
      call.on('unbridge', ({ otherUuid }) => seen.push(`unbridge ${otherUuid}`));
      call.on('hangup', ({ cause }) => seen.push(`hangup ${cause}`));
      call.on('linger', () => seen.push('linger'));
      assert.deepEqual(await call.hangup('NORMAL_CLEARING'), { ok: true, reply: '+OK' });
      await sent;
      assert.deepEqual(seen, ['dtmf 5 ENDPOINT', 'bridge agent-leg', 'unbridge agent-leg', 'hangup NORMAL_CLEARING', 'linger']);
    });
  });

  test('a refused sendmsg resolves as rejected; the socket closing resolves the rest as closed', async () => {
    await withServer(async (server) => {
      const callReady = nextCall(server);
      const sent = dialWithRecording(server.port, [...setupAnswers, commandReplyFrame('-ERR invalid session id [x]'), commandReplyFrame('+OK')]);
      const call = await callReady;
      const rejected = call.execute('playback', '/x.wav');
      const pending = call.execute('playback', '/y.wav');
      assert.deepEqual(await rejected, { ok: false, reason: 'rejected', reply: '-ERR invalid session id [x]' });
      await sent;
      assert.deepEqual(await pending, { ok: false, reason: 'closed' });
      assert.deepEqual(await call.exit(), { ok: false, reason: 'closed' });
    });
  });

  test('a malformed frame closes that connection only; the server keeps taking calls', async () => {
    await withServer(async (server) => {
      const firstReady = nextCall(server);
      const first = dialWithRecording(server.port, [...setupAnswers, Buffer.from('Content-Type: command/reply\nbroken header line\n\n')]);
      const call = await firstReady;
      assert.deepEqual(await call.execute('answer'), { ok: false, reason: 'closed' });
      await first;
      const secondReady = nextCall(server);
      const second = dialWithRecording(server.port, [...setupAnswers, Buffer.concat([commandReplyFrame('+OK'), hangupAndLinger]), goodbye]);
      const again = await secondReady;
      assert.equal(again.channel.uuid, CALLER);
      assert.deepEqual(await again.hangup(), { ok: true, reply: '+OK' });
      await second;
    });
  });

  test('a peer that never answers the setup is dropped after the setup timeout', async () => {
    const listening = await OutboundServer.listen({ port: 0, setupTimeoutMs: 100 }, silentLogger);
    assert.ok(listening.ok);
    const { server } = listening;
    try {
      let calls = 0;
      server.on('call', () => (calls += 1));
      const socket = net.connect(server.port, '127.0.0.1');
      const [firstCommand] = (await once(socket, 'data', { signal: AbortSignal.timeout(5_000) })) as [Buffer];
      assert.equal(firstCommand.toString(), 'connect\n\n');
      await once(socket, 'close', { signal: AbortSignal.timeout(5_000) });
      assert.equal(calls, 0);
    } finally {
      await server.close();
    }
  });

  test('close() asks a waiting caller to resume, and drops its socket when FreeSWITCH does not answer in time', async () => {
    const listening = await OutboundServer.listen({ port: 0, releaseOnCloseMs: 100 }, silentLogger);
    assert.ok(listening.ok);
    const { server } = listening;
    const callReady = nextCall(server);
    // Answers the session setup, then stays silent.
    const socket = net.connect(server.port, '127.0.0.1');
    const commands: string[] = [];
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const result of decoder.push(chunk)) {
        if (!result.ok) continue;
        commands.push(result.frame.lines[0] ?? '');
        const answer = setupAnswers[commands.length - 1];
        if (answer !== undefined) socket.write(answer);
      }
    });
    const dropped = once(socket, 'close', { signal: AbortSignal.timeout(5_000) });
    const call = await callReady;
    assert.equal(call.holdsCaller, true);
    await server.close();
    await dropped;
    assert.deepEqual(commands, ['connect', 'myevents', commands[2], 'linger', socketResumeCommand.trim(), 'resume']);
  });

  test('close() only drops a caller whose socket app has ended (uuid_bridge took it)', async () => {
    const listening = await OutboundServer.listen({ port: 0 }, silentLogger);
    assert.ok(listening.ok);
    const { server } = listening;
    const callReady = nextCall(server);
    const socketDone = event([['Event-Name', 'CHANNEL_EXECUTE_COMPLETE'], ['Application', 'socket'], ['Application-Response', '_none_']]);
    const sent = dialWithRecording(server.port, [...setupAnswers.slice(0, -1), Buffer.concat([setupAnswers.at(-1) ?? Buffer.alloc(0), socketDone]), commandReplyFrame('+OK')]);
    // The event came with the last setup reply, so it has been read by the time the call is handed over.
    assert.equal((await callReady).holdsCaller, false);
    await server.close();
    assert.doesNotMatch((await sent).toString(), /^(resume|exit)$/m);
  });

  test('a refused session setup never becomes a call', async () => {
    await withServer(async (server) => {
      let calls = 0;
      server.on('call', () => (calls += 1));
      await dialWithRecording(server.port, [setupAnswers[0] ?? Buffer.alloc(0), commandReplyFrame('-ERR aready enabled.')]);
      assert.equal(calls, 0);
    });
  });
});

