import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createApiClient, type ApiClient } from '../../src/api/client.js';
import { startApiServer, type ApiServer } from '../../src/api/server.js';
import type { StatusReport } from '../../src/api/status-report.js';
import { defaultAgentConfig, defaultQueueConfig, type QueueEvent, type QueueConfig } from '../../src/engine/index.js';
import { silentLogger } from '../../src/log.js';
import { EngineControlPlane, memoryApiStore, type MemoryApiStore } from './fakes.js';

const TOKEN = 'test-token';
const NOW = Date.UTC(2026, 10, 21, 9, 0, 0);

interface Harness {
  server: ApiServer;
  client: ApiClient;
  anonymous: ApiClient;
  store: MemoryApiStore;
  plane: EngineControlPlane;
}

async function start(pauseReasons: readonly string[] | null = null): Promise<Harness> {
  let clock = NOW;
  const plane = new EngineControlPlane(() => (clock += 1000));
  const store = memoryApiStore(new Map([['support', { offered: 10, answered: 8, abandoned: 1, serviceLevelPct: 75 }]]));
  const server = await startApiServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    controlPlane: plane,
    store,
    logger: silentLogger,
    pauseReasons,
    now: () => clock,
  });
  return { server, store, plane, client: createApiClient({ url: server.url, token: TOKEN }), anonymous: createApiClient({ url: server.url }) };
}

/** Adds queue support, agents 1000 (dynamic) and 2000 (static), tiers, through the API and into the engine. */
async function seed(h: Harness): Promise<void> {
  assert.equal((await h.client.call('POST', '/queues', { name: 'support', strategy: 'ring-all' })).ok, true);
  assert.equal((await h.client.call('POST', '/agents', { id: '1000', contact: 'user/1000@default' })).ok, true);
  assert.equal((await h.client.call('POST', '/agents', { id: '2000', contact: 'user/2000@default', type: 'static' })).ok, true);
  assert.equal((await h.client.call('POST', '/tiers', { queue: 'support', agentId: '1000', level: 1, position: 2 })).ok, true);
  assert.equal((await h.client.call('POST', '/tiers', { queue: 'support', agentId: '2000' })).ok, true);
  for (const queue of h.store.queues.values()) h.plane.submit({ kind: 'queue-upserted', queue });
  for (const agent of h.store.agents.values()) h.plane.submit({ kind: 'agent-upserted', agent });
  for (const tier of h.store.tiers.values()) h.plane.submit({ kind: 'tier-upserted', tier });
}

/** Opens GET /events and collects the parsed SSE messages. */
function openEvents(url: string): Promise<{ response: IncomingMessage; messages: { event: string; data: unknown }[]; next(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    get(`${url}/events`, (response) => {
      const messages: { event: string; data: unknown }[] = [];
      let buffer = '';
      let waiting: (() => void) | null = null;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) messages.push({ event, data: JSON.parse(data) });
        }
        waiting?.();
      });
      resolve({ response, messages, next: () => new Promise<void>((done) => (waiting = done)) });
    }).on('error', reject);
  });
}

describe('control API: configuration routes', () => {
  let h: Harness;
  before(async () => {
    h = await start();
    await seed(h);
  });
  after(() => h.server.close());

  test('reads are open; every change without the right token is refused with 401 and nothing changes', async () => {
    const list = await h.anonymous.call<QueueConfig[]>('GET', '/queues');
    assert.deepEqual(list.ok && list.value.map((q) => q.name), ['support']);
    for (const [method, path, body] of [
      ['POST', '/queues', { name: 'sales' }],
      ['PATCH', '/queues/support', { maxWaitSeconds: 5 }],
      ['DELETE', '/queues/support', undefined],
      ['POST', '/agents/1000/login', {}],
    ] as const) {
      const result = await h.anonymous.call(method, path, body);
      assert.equal(result.ok, false, `${method} ${path}`);
      assert.equal(!result.ok && result.error.code, 'unauthorized');
      const wrong = await createApiClient({ url: h.server.url, token: 'nope' }).call(method, path, body);
      assert.equal(!wrong.ok && wrong.error.code, 'unauthorized');
    }
    assert.deepEqual([...h.store.queues.keys()], ['support']);
    assert.equal(h.store.queues.get('support')?.maxWaitSeconds, 0);
  });

  test('a bad value is a 400 naming the field, the value and what is allowed', async () => {
    const bad = await h.client.call('POST', '/queues', { name: 'sales', maxWaitSeconds: -1 });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'invalid');
    assert.equal(!bad.ok && bad.error.field, 'maxWaitSeconds');
    assert.match(!bad.ok ? bad.error.message : '', /-1.*maxWaitSeconds.*whole number from 0/);
    const unknown = await h.client.call('PATCH', '/queues/support', { maxWait: 5 });
    assert.equal(!unknown.ok && unknown.error.field, 'maxWait');
    const badName = await h.client.call('POST', '/queues', { name: 'bad name' });
    assert.match(!badName.ok ? badName.error.message : '', /"bad name".*letters, digits/);
    assert.deepEqual([...h.store.queues.keys()], ['support']);
  });

  test('add, conflict, change, read, delete', async () => {
    const added = await h.client.call<QueueConfig>('POST', '/queues', { name: 'sales', strategy: 'top-down', exitKeys: '1=voicemail' });
    assert.deepEqual(added.ok && added.value, { ...defaultQueueConfig('sales'), strategy: 'top-down', exitKeys: [{ key: '1', destination: 'voicemail' }] });
    const again = await h.client.call('POST', '/queues', { name: 'sales' });
    assert.equal(!again.ok && again.error.code, 'conflict');
    const changed = await h.client.call<QueueConfig>('PATCH', '/queues/sales', { maxWaitSeconds: 90, tierRulesApply: true });
    assert.equal(changed.ok && changed.value.maxWaitSeconds, 90);
    assert.equal(h.store.queues.get('sales')?.tierRulesApply, true);
    assert.equal(h.store.queues.get('sales')?.strategy, 'top-down');
    const removed = await h.client.call('DELETE', '/queues/sales');
    assert.equal(removed.ok, true);
    const gone = await h.client.call('GET', '/queues/sales');
    assert.equal(!gone.ok && gone.error.code, 'not-found');
  });

  test('agents need a contact; tiers need an existing queue and agent; tiers filter by query', async () => {
    const noContact = await h.client.call('POST', '/agents', { id: '3000' });
    assert.equal(!noContact.ok && noContact.error.field, 'contact');
    const twoPhones = await h.client.call('POST', '/agents', { id: '3000', contact: 'user/3000,user/3001' });
    assert.deepEqual(!twoPhones.ok && [twoPhones.error.code, twoPhones.error.field], ['invalid', 'contact']);
    assert.match(!twoPhones.ok ? twoPhones.error.message : '', /agent 3000: field contact .* can never dial: it lists several endpoints/);
    assert.equal(h.store.agents.has('3000'), false);
    const legVariables = await h.client.call('PATCH', '/agents/1000', { contact: '[leg_timeout=10]user/1000' });
    assert.equal(legVariables.ok, true);
    const badChange = await h.client.call('PATCH', '/agents/1000', { contact: '${sofia_contact(1000)}' });
    assert.match(!badChange.ok ? badChange.error.message : '', /agent 1000: field contact/);
    assert.equal(h.store.agents.get('1000')?.contact, '[leg_timeout=10]user/1000');
    assert.equal((await h.client.call('PATCH', '/agents/1000', { contact: 'user/1000@default' })).ok, true);
    const noQueue = await h.client.call('POST', '/tiers', { queue: 'nosuch', agentId: '1000' });
    assert.match(!noQueue.ok ? noQueue.error.message : '', /queue nosuch does not exist/);
    const noAgent = await h.client.call('POST', '/tiers', { queue: 'support', agentId: '9999' });
    assert.match(!noAgent.ok ? noAgent.error.message : '', /agent 9999 does not exist/);
    const tiers = await h.client.call<{ agentId: string }[]>('GET', '/tiers?queue=support&agentId=1000');
    assert.deepEqual(tiers.ok && tiers.value.map((t) => t.agentId), ['1000']);
    const key = await h.client.call('POST', '/tiers', { queue: 'support' });
    assert.equal(!key.ok && key.error.field, 'agentId');
  });

  test('unknown routes and methods are 404 with a hint', async () => {
    const route = await h.client.call('GET', '/nope');
    assert.match(!route.ok ? route.error.message : '', /no route \/nope/);
    const method = await h.client.call('PUT', '/queues/support', {});
    assert.match(!method.ok ? method.error.message : '', /PUT is not allowed.*GET, PATCH, DELETE/);
  });
});

describe('control API: live operations and the event stream', () => {
  let h: Harness;
  before(async () => {
    h = await start(['lunch', 'meeting']);
    await seed(h);
  });
  after(() => h.server.close());

  test('login, pause with a reason, resume: the stream carries AGENTLOGIN, PAUSE and UNPAUSE with the reason', async () => {
    const stream = await openEvents(h.server.url);
    assert.equal(h.plane.subscribers, 1);
    const login = await h.client.agentAction('1000', { action: 'login' });
    assert.equal(login.ok && login.value.status, 'Available');
    const pause = await h.client.agentAction('1000', { action: 'pause', reason: 'lunch' });
    assert.equal(pause.ok && pause.value.pauseReason, 'lunch');
    await h.client.agentAction('1000', { action: 'resume' });
    while (stream.messages.filter((m) => m.event === 'queue-event').length < 3) await stream.next();
    const events = stream.messages.filter((m) => m.event === 'queue-event').map((m) => m.data as QueueEvent);
    assert.deepEqual(events.map((e) => e.type), ['AGENTLOGIN', 'PAUSE', 'UNPAUSE']);
    assert.equal(events[1]?.data['reason'], 'lunch');
    assert.equal(events[2]?.data['reason'], 'lunch');
    assert.equal(events[0]?.data['source'], 'api');
    assert.ok(stream.messages.some((m) => m.event === 'state'));
    stream.response.destroy();
    while (h.plane.subscribers > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  });

  test('a pause reason outside the configured list is refused, naming the allowed ones', async () => {
    const result = await h.client.agentAction('1000', { action: 'pause', reason: 'nap' });
    assert.equal(!result.ok && result.error.code, 'invalid');
    assert.match(!result.ok ? result.error.message : '', /"nap".*lunch, meeting/);
    assert.equal(h.plane.snapshot().agents.find((a) => a.id === '1000')?.status, 'Available');
  });

  test('a static agent asked to log out says it is always logged in', async () => {
    const result = await h.client.agentAction('2000', { action: 'logout' });
    assert.equal(!result.ok && result.error.code, 'conflict');
    assert.match(!result.ok ? result.error.message : '', /static.*always logged in/);
  });

  test('login --queue adds the missing tier first', async () => {
    assert.equal((await h.client.call('POST', '/queues', { name: 'sales' })).ok, true);
    h.plane.submit({ kind: 'queue-upserted', queue: defaultQueueConfig('sales') });
    const login = await h.client.agentAction('1000', { action: 'login', queue: 'sales' });
    assert.equal(login.ok, true);
    assert.deepEqual(h.store.tiers.get(JSON.stringify({ queue: 'sales', agentId: '1000' })), { queue: 'sales', agentId: '1000', level: 1, position: 1 });
  });

  test('an agent configured but not yet loaded by the controller: 409, try again', async () => {
    assert.equal((await h.client.call('POST', '/agents', { id: '4000', contact: 'user/4000@default' })).ok, true);
    const login = await h.client.agentAction('4000', { action: 'login' });
    assert.equal(!login.ok && login.error.code, 'conflict');
    assert.match(!login.ok ? login.error.message : '', /agent 4000 is configured but the controller has not loaded it yet/);
    const status = await h.client.agentStatus('4000');
    assert.equal(!status.ok && status.error.code, 'conflict');
    const unknown = await h.client.agentStatus('9999');
    assert.equal(!unknown.ok && unknown.error.code, 'not-found');
  });

  test('unknown agents and actions are 404; a bad action body is 400', async () => {
    const agent = await h.client.agentAction('9999', { action: 'login' });
    assert.equal(!agent.ok && agent.error.code, 'not-found');
    const action = await h.client.call('POST', '/agents/1000/dance', {});
    assert.match(!action.ok ? action.error.message : '', /no agent action "dance"/);
    const body = await h.client.call('POST', '/agents/1000/pause', { reason: 5 });
    assert.equal(!body.ok && body.error.field, 'reason');
  });

  test('GET /status: per queue, the logged-in agents with state and today\'s figures', async () => {
    h.plane.submit({ kind: 'agent-upserted', agent: defaultAgentConfig('1000', 'user/1000@default') });
    const status = await h.anonymous.status();
    assert.equal(status.ok, true);
    const report = (status as { value: StatusReport }).value;
    assert.equal(report.live, true);
    const support = report.queues.find((q) => q.name === 'support');
    assert.deepEqual(support?.today, { offered: 10, answered: 8, abandoned: 1, serviceLevelPct: 75 });
    assert.deepEqual(support?.agents.map((a) => [a.id, a.status, a.level, a.position]), [
      ['2000', 'Available', 1, 1],
      ['1000', 'Available', 1, 2],
    ]);
    assert.deepEqual(support?.callers, []);
  });

  test('closing the server ends open event streams', async () => {
    const other = await start();
    const stream = await openEvents(other.server.url);
    const ended = new Promise<void>((resolve) => stream.response.on('end', () => resolve()));
    await other.server.close();
    await ended;
    assert.equal(other.plane.subscribers, 0);
  });
});

test('the client says how to fix an unreachable controller', async () => {
  const h = await start();
  const url = h.server.url;
  await h.server.close();
  const result = await createApiClient({ url }).status();
  assert.equal(!result.ok && result.error.code, 'unavailable');
  assert.match(!result.ok ? result.error.message : '', /cannot reach the controller at http:\/\/127\.0\.0\.1:\d+.*is `lineup serve` running\?/);
});
