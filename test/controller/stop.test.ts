// `lineup serve` stopping (SIGTERM → controller.stop): callers still waiting in a queue are handed back to
// FreeSWITCH's dialplan (resume + exit); dropping their socket would leave them on hold music until they hang up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startOneAgentStack } from './one-agent-stack.js';

test('stop releases a waiting caller to its dialplan and leaves a bridged caller bridged', async () => {
  const stack = await startOneAgentStack('stop', 'stop-1');
  try {
    const bridged = await stack.connectCall('stop');
    const waiting = await stack.dial({ queue: 'stop' });
    await stack.rowsOf({ callId: waiting.uuid }, 'ENTERQUEUE');
    await stack.fs.waitForEvent('PLAYBACK_START', (e) => e.get('Unique-ID') === waiting.uuid && e.get('Playback-File-Type') === 'local_stream');

    await stack.controller.stop();

    assert.deepEqual(waiting.socketCommands().slice(-2), ['resume', 'exit']);
    await waiting.socketClosed;
    const released = stack.fs.channel(waiting.uuid);
    assert.equal(released?.continuedDialplan, true, 'the socket app returned: FreeSWITCH runs the fallback after `socket`');
    assert.equal(released?.isUp, true);

    assert.ok(!bridged.caller.socketCommands().includes('resume'), 'a bridged caller is not reset');
    const connected = stack.fs.channel(bridged.caller.uuid);
    assert.equal(connected?.bridge?.b, bridged.agentLeg);
    assert.equal(connected?.continuedDialplan, false);
  } finally {
    await stack.stop();
  }
});

test('a controller that dies: its waiting callers go on to the fallback after `socket`, bridged calls go on', async () => {
  const stack = await startOneAgentStack('crash', 'crash-1');
  try {
    const bridged = await stack.connectCall('crash');
    const waiting = await stack.dial({ queue: 'crash' });
    await stack.fs.waitForEvent('PLAYBACK_START', (e) => e.get('Unique-ID') === waiting.uuid && e.get('Playback-File-Type') === 'local_stream');

    // What FreeSWITCH sees of a SIGKILL: the sockets close, no resume, no exit.
    waiting.dropSocket();
    bridged.caller.dropSocket();
    await Promise.all([waiting.socketClosed, bridged.caller.socketClosed]);

    assert.equal(stack.fs.channel(waiting.uuid)?.continuedDialplan, true, 'socket_resume=true: CS_RESET stops the music, the fallback runs');
    assert.equal(stack.fs.channel(bridged.caller.uuid)?.bridge?.b, bridged.agentLeg, 'socket_resume=false since the bridge: not reset');
    assert.equal(stack.fs.channel(bridged.agentLeg)?.isUp, true);
  } finally {
    await stack.stop();
  }
});
