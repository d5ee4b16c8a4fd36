// A caller's life through the wire: failed rings and the next agent, abandons while waiting and
// while ringing, max wait and exit keys to their destinations, and who ended a connected call.
// Each test has its own queue and agents on one shared stack.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgentBehaviour } from '../double/index.js';
import type { QueueConfig } from '../../src/engine/index.js';
import { startStack, type DialedCall, type Stack } from './stack.js';

let stack: Stack;
before(async () => {
  stack = await startStack();
});
after(() => stack.stop());

/** A queue `name` with agents `<name>-1..n` (tier positions 1..n), Available, with the given phones. */
async function queueWithAgents(name: string, phones: readonly AgentBehaviour[], changes: Partial<QueueConfig> = {}): Promise<string[]> {
  await stack.addQueue(name, { strategy: 'top-down', maxRingSeconds: 30, ...changes });
  const agents = phones.map((_, i) => `${name}-${i + 1}`);
  const tiers = agents.map((agentId, i) => ({ queue: name, agentId, level: 1, position: i + 1 }));
  for (const [i, agentId] of agents.entries()) {
    await stack.addAgent(agentId);
    stack.fs.setAgentBehaviour(`user/${agentId}@default`, phones[i] ?? { answerAfterMs: 20 });
  }
  for (const tier of tiers) await stack.addTier(tier);
  await stack.configured({ queues: [name], agents, tiers });
  for (const agentId of agents) stack.setStatus(agentId, 'Available');
  return agents;
}

/** A caller in `queue`, logged in the table (ENTERQUEUE). */
async function waitingCaller(queue: string): Promise<DialedCall> {
  const caller = await stack.dial({ queue });
  await stack.rowsOf({ callId: caller.uuid }, 'ENTERQUEUE');
  return caller;
}

describe('a failed ring goes to the next agent', () => {
  const cases = [
    { name: 'ring timeout', phone: { outcome: 'NO_ANSWER' }, event: 'RINGNOANSWER', cause: 'NO_ANSWER' },
    { name: 'busy', phone: { outcome: 'USER_BUSY' }, event: 'RINGBUSY', cause: 'USER_BUSY' },
    { name: 'reject', phone: { outcome: 'CALL_REJECTED' }, event: 'RINGREJECTED', cause: 'CALL_REJECTED' },
    { name: 'not registered', phone: { outcome: 'USER_NOT_REGISTERED' }, event: 'RINGUNAVAILABLE', cause: 'USER_NOT_REGISTERED' },
  ] as const;
  for (const [i, c] of cases.entries()) {
    test(`${c.name}: ${c.event}, then the second agent is rung and connected`, async () => {
      const [first, second] = await queueWithAgents(`ring${i}`, [c.phone, { answerAfterMs: 20 }]);
      const call = await stack.connectCall(`ring${i}`);
      assert.equal(call.agentId, second);
      assert.deepEqual(
        stack.originates(call.caller.uuid).map((o) => [o.agentId, o.contact, o.timeoutSeconds]),
        [
          [first, `user/${first}@default`, 30],
          [second, `user/${second}@default`, 30],
        ],
      );
      call.caller.hangup();
      const rows = await stack.rowsOf({ callId: call.caller.uuid }, 'COMPLETECALLER');
      assert.deepEqual(
        rows.map((row) => [row.event, row.agentId]),
        [
          ['ENTERQUEUE', null],
          ['OFFER', first],
          [c.event, first],
          ['OFFER', second],
          ['CONNECT', second],
          ['COMPLETECALLER', second],
        ],
      );
      assert.equal(rows[2]?.data['cause'], c.cause);
      await stack.agentLive(second ?? '', (row) => row.state === 'Waiting');
    });
  }
});

describe('abandon', () => {
  test('while waiting: ABANDON (not ringing), the caller leaves caller_live', async () => {
    const [agent] = await queueWithAgents('abandon-wait', [{ answerAfterMs: 20 }]);
    stack.setStatus(agent ?? '', 'Logged Out');
    const caller = await waitingCaller('abandon-wait');
    await stack.callersLive('abandon-wait', (rows) => rows.some((row) => row.callId === caller.uuid));
    caller.hangup();
    const rows = await stack.rowsOf({ callId: caller.uuid }, 'ABANDON');
    assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'ABANDON']);
    assert.equal(rows[1]?.data['ringing'], false);
    assert.equal(rows[1]?.data['cancelReason'], 'BREAK_OUT');
    await stack.callersLive('abandon-wait', (live) => live.length === 0);
    assert.equal(stack.originates(caller.uuid).length, 0);
  });

  test('while ringing: RINGCANCELED caller-left, ABANDON ringing, the agent leg is killed', async () => {
    const [agent] = await queueWithAgents('abandon-ring', [{ outcome: 'NO_ANSWER' }], { maxRingSeconds: 200 });
    const caller = await stack.dial({ queue: 'abandon-ring' });
    const [offer] = await stack.waitForOriginates(caller.uuid, 1);
    await stack.fs.waitForEvent('CHANNEL_PROGRESS', (e) => e.get('Unique-ID') === offer?.legUuid);
    caller.hangup();
    await stack.fs.waitForCommand(new RegExp(`^bgapi uuid_kill ${offer?.legUuid} ORIGINATOR_CANCEL`), 'inbound');
    await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === offer?.legUuid && e.get('Hangup-Cause') === 'ORIGINATOR_CANCEL');
    const rows = await stack.rowsOf({ callId: caller.uuid }, 'ABANDON');
    assert.deepEqual(
      rows.map((row) => [row.event, row.agentId]),
      [
        ['ENTERQUEUE', null],
        ['OFFER', agent],
        ['RINGCANCELED', agent],
        ['ABANDON', null],
      ],
    );
    assert.equal(rows[2]?.data['reason'], 'caller-left');
    assert.equal(rows[3]?.data['ringing'], true);
    await stack.agentLive(agent ?? '', (row) => row.state === 'Waiting' && row.status === 'Available');
  });
});

describe('leaving without an agent', () => {
  test('max wait: EXITWITHTIMEOUT and uuid_transfer to the timeout destination', async () => {
    const [agent] = await queueWithAgents('timeout-dest', [{ answerAfterMs: 20 }], { maxWaitSeconds: 1, timeoutDestination: '5555 XML public' });
    stack.setStatus(agent ?? '', 'Logged Out');
    const caller = await waitingCaller('timeout-dest');
    await stack.fs.waitForCommand(new RegExp(`^bgapi uuid_transfer ${caller.uuid} 5555 XML public$`), 'inbound', 3_000);
    const rows = await stack.rowsOf({ callId: caller.uuid }, 'EXITWITHTIMEOUT');
    assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'EXITWITHTIMEOUT']);
    assert.equal(rows[1]?.data['destination'], '5555 XML public');
    assert.equal(rows[1]?.data['cancelReason'], 'TIMEOUT');
    await stack.fs.waitForEvent('CHANNEL_EXECUTE', (e) => e.get('Unique-ID') === caller.uuid && e.get('Caller-Destination-Number') === '5555');
  });

  test('max wait without a destination: the socket gets resume then exit (the dialplan continues)', async () => {
    const [agent] = await queueWithAgents('timeout-none', [{ answerAfterMs: 20 }], { maxWaitSeconds: 1 });
    stack.setStatus(agent ?? '', 'Logged Out');
    const caller = await waitingCaller('timeout-none');
    await caller.socketClosed;
    const lines = caller.socketCommands();
    assert.deepEqual(lines.slice(-2), ['resume', 'exit']);
    assert.deepEqual((await stack.rowsOf({ callId: caller.uuid }, 'EXITWITHTIMEOUT')).map((row) => row.event), ['ENTERQUEUE', 'EXITWITHTIMEOUT']);
    assert.ok(!stack.fs.commands('inbound').some((c) => c.command.line.startsWith(`bgapi uuid_transfer ${caller.uuid}`)));
  });

  test('exit key: EXITWITHKEY and uuid_transfer to the key\'s destination', async () => {
    const [agent] = await queueWithAgents('exit-key', [{ answerAfterMs: 20 }], { exitKeys: [{ key: '1', destination: '6000 XML default' }] });
    stack.setStatus(agent ?? '', 'Logged Out');
    const caller = await waitingCaller('exit-key');
    caller.pressDigit('2'); // not an exit key: nothing happens
    caller.pressDigit('1');
    await stack.fs.waitForCommand(new RegExp(`^bgapi uuid_transfer ${caller.uuid} 6000 XML default$`), 'inbound');
    const rows = await stack.rowsOf({ callId: caller.uuid }, 'EXITWITHKEY');
    assert.deepEqual(rows.map((row) => row.event), ['ENTERQUEUE', 'EXITWITHKEY']);
    assert.equal(rows[1]?.data['key'], '1');
    assert.equal(rows[1]?.data['cancelReason'], 'EXIT_WITH_KEY');
  });
});

describe('who ended the call', () => {
  test('the agent hangs up: COMPLETEAGENT; agent_live back to Waiting', async () => {
    const [agent] = await queueWithAgents('end-agent', [{ answerAfterMs: 20 }]);
    const call = await stack.connectCall('end-agent');
    await stack.agentLive(agent ?? '', (row) => row.state === 'In a queue call' && row.callId === call.caller.uuid);
    stack.fs.hangupAgent(call.agentLeg);
    assert.deepEqual(await stack.eventsOf(call.caller.uuid, 'COMPLETEAGENT'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETEAGENT']);
    await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === call.caller.uuid);
    await stack.agentLive(agent ?? '', (row) => row.state === 'Waiting' && row.callId === null);
  });

  test('the caller hangs up: COMPLETECALLER; the agent leg is hung up by FreeSWITCH', async () => {
    const [agent] = await queueWithAgents('end-caller', [{ answerAfterMs: 20 }]);
    const call = await stack.connectCall('end-caller');
    call.caller.hangup();
    assert.deepEqual(await stack.eventsOf(call.caller.uuid, 'COMPLETECALLER'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETECALLER']);
    await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === call.agentLeg);
    await stack.agentLive(agent ?? '', (row) => row.state === 'Waiting' && row.callId === null);
  });
});

describe('recording', () => {
  /** The applications executed on the caller's socket, in order. */
  const appsRun = (call: DialedCall): string[] =>
    stack.fs.log.entries.flatMap((e) =>
      e.kind === 'event' && e.event.name === 'CHANNEL_EXECUTE' && e.event.get('Unique-ID') === call.uuid ? [`${e.event.get('Application') ?? ''} ${e.event.get('Application-Data') ?? ''}`] : [],
    );

  test("with a record template: the caller's recording starts when the agent answers, before the bridge", async () => {
    const template = '$${recordings_dir}/${strftime(%Y-%m-%d)}.${uuid}.wav';
    await queueWithAgents('recorded', [{ answerAfterMs: 20 }], { recordTemplate: template });
    const call = await stack.connectCall('recorded');
    const apps = appsRun(call.caller);
    const recording = apps.indexOf('record_session ${lineup_record_filename}');
    assert.ok(apps.includes(`set lineup_record_filename=${template}`), apps.join(' | '));
    assert.ok(recording >= 0 && apps.indexOf(`set lineup_record_filename=${template}`) < recording, apps.join(' | '));
    assert.equal(apps.at(-1), `uuid_bridge ${call.agentLeg}`, 'the bridge comes after the recording started');
    call.caller.hangup();
    assert.deepEqual(await stack.eventsOf(call.caller.uuid, 'COMPLETECALLER'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETECALLER']);
  });

  test('without one: nothing is recorded', async () => {
    await queueWithAgents('unrecorded', [{ answerAfterMs: 20 }]);
    const call = await stack.connectCall('unrecorded');
    assert.ok(!appsRun(call.caller).some((app) => app.startsWith('record_session')));
    call.caller.hangup();
    await stack.eventsOf(call.caller.uuid, 'COMPLETECALLER');
  });
});

describe('a refused bridge', () => {
  test('uuid_bridge -ERR (a leg gone at that instant): the answered agent leg is hung up, the caller goes on with the dialplan', async () => {
    const [agent] = await queueWithAgents('bridge-refused', [{ answerAfterMs: 20 }]);
    stack.fs.refuseNextApi('uuid_bridge', '-ERR Invalid uuid\n');
    const caller = await stack.dial({ queue: 'bridge-refused' });
    const [offer] = await stack.waitForOriginates(caller.uuid, 1);
    const killed = await stack.fs.waitForCommand(new RegExp(`^bgapi uuid_kill ${offer?.legUuid ?? ''} NORMAL_TEMPORARY_FAILURE`), 'inbound');
    assert.ok(killed);
    await stack.fs.waitForEvent('CHANNEL_HANGUP_COMPLETE', (e) => e.get('Unique-ID') === offer?.legUuid);
    assert.deepEqual(await stack.eventsOf(caller.uuid, 'COMPLETEAGENT'), ['ENTERQUEUE', 'OFFER', 'CONNECT', 'COMPLETEAGENT']);
    await caller.socketClosed;
    assert.deepEqual(caller.socketCommands().slice(-2), ['resume', 'exit']);
    await stack.agentLive(agent ?? '', (row) => row.state === 'Waiting' && row.callId === null);
  });
});
