// The operator's CLI against a running controller and the FreeSWITCH double: configuration made
// with `lineup` while the controller runs, agents logged in / paused / out from the CLI and from a
// phone, a strategy changed while a caller waits, `lineup status --watch`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StatusReport } from '../../src/api/status-report.js';
import type { AgentSnapshot } from '../../src/engine/index.js';
import { eventually, ok, readLines, spawnCli, startCliStack, type CliStack } from './harness.js';

type AgentView = AgentSnapshot & { readonly live: boolean };

describe('lineup against a running controller', () => {
  let stack: CliStack;
  before(async () => {
    stack = await startCliStack();
  });
  after(() => stack.stop());

  const agentStatus = (id: string): Promise<AgentView> => stack.cliJson<AgentView>('agent', 'status', id, '--json');
  const statusReport = (): Promise<StatusReport> => stack.cliJson<StatusReport>('status', '--json');

  test('queue, agent and tier added by the CLI are applied; after `agent login` the next call is offered to the agent', async () => {
    await ok(stack.cli('queue', 'add', 'support', '--strategy', 'longest-idle-agent', '--extension', '7000'));
    await ok(stack.cli('agent', 'add', '1000', '--contact', 'user/1000@default'));
    await ok(stack.cli('tier', 'add', 'support', '1000', '--level', '1', '--position', '1'));
    await stack.configApplied();
    const loaded = await agentStatus('1000');
    assert.deepEqual([loaded.status, loaded.live], ['Logged Out', true]);

    const login = await stack.cliJson<AgentView>('agent', 'login', '1000', '--json');
    assert.deepEqual([login.status, login.live], ['Available', true]);

    const caller = await stack.dial({ destination: '7000', callerIdNumber: '5551234' });
    const [offer] = await stack.waitForOffers(caller.uuid, 1);
    assert.deepEqual(offer, { callId: caller.uuid, agentId: '1000', contact: 'user/1000@default' });
    const rows = await stack.events({ callId: caller.uuid }, (found) => found.some((row) => row.event === 'CONNECT'));
    assert.deepEqual(
      rows.map((row) => [row.event, row.queue, row.agentId]),
      [
        ['ENTERQUEUE', 'support', null],
        ['OFFER', 'support', '1000'],
        ['CONNECT', 'support', '1000'],
      ],
    );
    caller.hangup();
    await stack.events({ callId: caller.uuid }, (found) => found.some((row) => row.event === 'COMPLETECALLER'));
  });

  test('`agent pause --reason lunch` shows in `status` and as a PAUSE event; `agent resume` is an UNPAUSE', async () => {
    const paused = await stack.cliJson<AgentView>('agent', 'pause', '1000', '--reason', 'lunch', '--json');
    assert.deepEqual([paused.status, paused.pauseReason], ['On Break', 'lunch']);

    const report = await statusReport();
    assert.equal(report.live, true);
    const shown = report.queues.find((queue) => queue.name === 'support')?.agents.find((agent) => agent.id === '1000');
    assert.deepEqual([shown?.status, shown?.pauseReason], ['On Break', 'lunch']);
    const text = await ok(stack.cli('status', '--queue', 'support'));
    assert.match(text.stdout, /^1000 +On Break +lunch +Waiting/m);

    await ok(stack.cli('agent', 'resume', '1000'));
    const rows = await stack.events({ agentId: '1000' }, (found) => found.some((row) => row.event === 'UNPAUSE'));
    const pauses = rows.filter((row) => row.event === 'PAUSE' || row.event === 'UNPAUSE');
    assert.deepEqual(
      pauses.map((row) => [row.event, row.data['reason'], row.data['source']]),
      [
        ['PAUSE', 'lunch', 'cli'],
        ['UNPAUSE', 'lunch', 'cli'],
      ],
    );
    assert.equal((await agentStatus('1000')).status, 'Available');
  });

  test('`agent logout` of a static agent: exit 2 saying why, nothing changed', async () => {
    await ok(stack.cli('agent', 'add', '2000', '--contact', 'user/2000@default', '--type', 'static'));
    await stack.configApplied();
    const db = stack.controller.database.db;
    const read = async () => ({
      agent: await db.selectFrom('agents').selectAll().where('id', '=', '2000').execute(),
      live: await db.selectFrom('agentLive').selectAll().where('agentId', '=', '2000').execute(),
      events: await db.selectFrom('queueEvents').select('eventId').where('agentId', '=', '2000').execute(),
    });
    // The live-state mirror writes the new agent's row within 250 ms; compare from then on.
    const before = await eventually('agent_live has 2000', read, (state) => state.live.length === 1);
    const refused = await stack.cli('agent', 'logout', '2000');
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /^lineup: .*2000.*static/);
    assert.equal(refused.stdout, '');
    assert.deepEqual(await read(), before);
    assert.equal((await agentStatus('2000')).status, 'Available');
  });

  test('feature codes from the phone log the agent in and out, as `agent status` shows', async () => {
    await ok(stack.cli('agent', 'add', '3000', '--contact', 'user/3000@default'));
    await stack.configApplied();
    const featureCode = async (action: string): Promise<void> => {
      const call = await stack.dial({ callerIdNumber: '3000', destination: '*22', variables: { lineup_action: action } });
      await call.socketClosed;
    };
    await featureCode('agent-login');
    await eventually('3000 logged in', () => agentStatus('3000'), (agent) => agent.status === 'Available');
    await featureCode('agent-logout');
    await eventually('3000 logged out', () => agentStatus('3000'), (agent) => agent.status === 'Logged Out');
    const rows = await stack.events({ agentId: '3000' }, (found) => found.some((row) => row.event === 'AGENTLOGOFF'));
    assert.deepEqual(
      rows.filter((row) => row.event === 'AGENTLOGIN' || row.event === 'AGENTLOGOFF').map((row) => [row.event, row.data['source']]),
      [
        ['AGENTLOGIN', 'feature-code'],
        ['AGENTLOGOFF', 'feature-code'],
      ],
    );
  });

  test('`queue set --strategy` while a caller waits: the next offer follows the new strategy; `status --watch` shows the caller', async () => {
    // sequentially-by-agent-order picks 4001 (position 1); agent-with-fewest-calls picks 4002,
    // because 4001 has answered a call and 4002 none.
    await ok(stack.cli('queue', 'add', 'sales', '--strategy', 'sequentially-by-agent-order', '--extension', '7100'));
    await ok(stack.cli('agent', 'add', '4001', '--contact', 'user/4001@default'));
    await ok(stack.cli('agent', 'add', '4002', '--contact', 'user/4002@default'));
    await ok(stack.cli('tier', 'add', 'sales', '4001', '--position', '1'));
    await ok(stack.cli('tier', 'add', 'sales', '4002', '--position', '2'));
    await stack.configApplied();
    await ok(stack.cli('agent', 'login', '4001'));
    const first = await stack.dial({ destination: '7100' });
    await stack.events({ callId: first.uuid }, (found) => found.some((row) => row.event === 'CONNECT' && row.agentId === '4001'));
    first.hangup();
    await stack.events({ callId: first.uuid }, (found) => found.some((row) => row.event === 'COMPLETECALLER'));
    await ok(stack.cli('agent', 'login', '4002'));

    // Tier rules with a one-hour wait keep even level 1 closed: the caller waits.
    await ok(stack.cli('queue', 'set', 'sales', '--tier-rules-apply', 'true', '--tier-rule-no-agent-no-wait', 'false', '--tier-rule-wait-second', '3600'));
    await stack.configApplied();
    const waiting = await stack.dial({ destination: '7100', callerIdNumber: '5550001' });
    await eventually('the caller waiting in sales', statusReport, (report) => report.queues.find((queue) => queue.name === 'sales')?.callers.length === 1);

    const watch = spawnCli(['status', '--queue', 'sales', '--watch', '--interval', '1', '--json'], stack.env);
    try {
      const refreshes = (await readLines(watch, 2)).map((line) => JSON.parse(line) as StatusReport);
      for (const report of refreshes) {
        const sales = report.queues[0];
        assert.deepEqual(report.queues.map((queue) => queue.name), ['sales']);
        assert.deepEqual(sales?.callers.map((c) => [c.callerIdNumber, c.state, c.position]), [['5550001', 'waiting', 1]]);
        assert.deepEqual(sales?.agents.map((a) => [a.id, a.status]), [['4001', 'Available'], ['4002', 'Available']]);
      }
      assert.ok(Date.parse(refreshes[1]?.at ?? '') > Date.parse(refreshes[0]?.at ?? ''), 'the second report is a refresh');
    } finally {
      watch.kill();
    }

    await ok(stack.cli('queue', 'set', 'sales', '--strategy', 'agent-with-fewest-calls'));
    await stack.configApplied();
    assert.deepEqual(stack.offers(waiting.uuid), [], 'no offer while the tier rules hold the caller');
    await ok(stack.cli('queue', 'set', 'sales', '--tier-rules-apply', 'false'));
    const [offer] = await stack.waitForOffers(waiting.uuid, 1);
    assert.equal(offer?.agentId, '4002');
    await stack.events({ callId: waiting.uuid }, (found) => found.some((row) => row.event === 'CONNECT' && row.agentId === '4002'));
    waiting.hangup();
    await stack.events({ callId: waiting.uuid }, (found) => found.some((row) => row.event === 'COMPLETECALLER'));
  });
});
