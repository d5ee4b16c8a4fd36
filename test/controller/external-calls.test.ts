// An agent's own call, marked by the dialplan with the `event` application (CUSTOM lineup::agent_call), keeps queues
// with skip-agents-with-external-calls (the default) from offering that agent a caller until the call ends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pollUntil, type Stack } from './stack.js';
import { startOneAgentStack } from './one-agent-stack.js';

let stack: Stack;
before(async () => {
  stack = await startOneAgentStack('own', 'own-1');
});
after(() => stack.stop());

const mark = (agentId: string): [string, string] => ['event', `Event-Name=CUSTOM,Event-Subclass=lineup::agent_call,lineup_agent=${agentId}`];
const externalCalls = (agentId: string): number => stack.controller.host.snapshot().agents.find((a) => a.id === agentId)?.externalCalls ?? -1;

test('a caller waits while the agent is on its own call, and is offered once that call ends', async () => {
  const own = stack.fs.phoneCall('own-1', '0612345678', [mark('own-1'), ['park', '']]);
  assert.equal(await pollUntil(() => externalCalls('own-1'), (n) => n === 1), 1);
  const caller = await stack.dial({ queue: 'own' });
  await stack.rowsOf({ callId: caller.uuid }, 'ENTERQUEUE');
  assert.deepEqual(stack.originates(caller.uuid), [], 'not offered during the own call');
  own.hangup();
  const [offer] = await stack.waitForOriginates(caller.uuid, 1);
  assert.equal(offer?.agentId, 'own-1');
  assert.equal(externalCalls('own-1'), 0);
  // The ring went out only after the own call's end reached the controller.
  const entries = stack.fs.log.entries;
  const ended = entries.findIndex((e) => e.kind === 'event' && e.event.name === 'CHANNEL_HANGUP_COMPLETE' && e.event.get('Unique-ID') === own.uuid);
  const rung = entries.findIndex((e) => e.kind === 'command' && e.record.command.line.startsWith('bgapi originate') && e.record.command.line.includes(caller.uuid));
  assert.ok(ended >= 0 && rung > ended, `hang-up at ${ended}, originate at ${rung}`);
  caller.hangup();
  await caller.socketClosed;
});

test('a mark naming no known agent changes nothing and says why', async () => {
  const own = stack.fs.phoneCall('own-1', '0612345678', [mark('nobody'), ['park', '']]);
  await stack.waitForLog((record) => /nobody/.test(JSON.stringify(record)), 'about the unknown agent');
  assert.equal(externalCalls('own-1'), 0);
  own.hangup();
});
