// The config and live commands through the real binary, without and with a running controller
// (an in-process API server over a real Engine, registered in controller.json as `serve` does).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { databaseApiStore } from '../../src/api/config-store.js';
import { startApiServer, type ApiServer } from '../../src/api/server.js';
import type { StatusReport } from '../../src/api/status-report.js';
import { writeRuntimeFile } from '../../src/controller/runtime-file.js';
import type { AgentSnapshot, QueueConfig, QueueEvent, TierConfig } from '../../src/engine/index.js';
import { silentLogger } from '../../src/log.js';
import { EngineControlPlane } from '../api/fakes.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';
import { runCli, type CliRun } from './run-cli.js';

function json<T>(run: CliRun): T {
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as T;
}

for (const backend of testBackends()) {
  describe(`lineup config and live commands (${backend.name})`, () => {
    let t: TestDatabase;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const cli = (...args: string[]) => runCli(args, env);

    before(async () => {
      t = await openTestDatabase(backend);
      dir = await mkdtemp(join(tmpdir(), 'lineup-cli-'));
      env = { DATABASE_URL: t.server.url(), LINEUP_DATA_DIR: dir };
    });
    after(async () => {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    });

    test('queue add / set / show / list, as JSON and as a table', async () => {
      const added = json<QueueConfig>(await cli('queue', 'add', 'support', '--strategy', 'ring-all', '--extension', '5000', '--exit-keys', '1=voicemail', '--json'));
      assert.equal(added.strategy, 'ring-all');
      assert.deepEqual(added.exitKeys, [{ key: '1', destination: 'voicemail' }]);
      const changed = await cli('queue', 'set', 'support', '--max-wait-time', '120', '--extension', '');
      assert.equal(changed.code, 0, changed.stderr);
      assert.match(changed.stdout, /^changed queue support\n/);
      assert.match(changed.stdout, /^max-wait-time +120$/m);
      assert.match(changed.stdout, /^extension +-$/m);
      const list = json<QueueConfig[]>(await cli('queue', 'list', '--json'));
      assert.deepEqual(list.map((q) => [q.name, q.maxWaitSeconds, q.extension, q.strategy]), [['support', 120, null, 'ring-all']]);
      const table = await cli('queue', 'list');
      assert.match(table.stdout, /^name +extension +strategy/);
      assert.match(table.stdout, /^support +- +ring-all +0 +120/m);
    });

    test('agent and tier commands; every mod_callcenter agent setting is a flag', async () => {
      const agent = json<{ noAnswerDelaySeconds: number; wrapUpSeconds: number | null }>(
        await cli('agent', 'add', '1000', '--contact', 'user/1000@default', '--no-answer-delay-time', '5', '--reject-delay-time', '10', '--busy-delay-time', '60', '--max-no-answer', '3', '--wrap-up-time', '10', '--json'),
      );
      assert.equal(agent.noAnswerDelaySeconds, 5);
      assert.equal(agent.wrapUpSeconds, 10);
      assert.equal(json<{ wrapUpSeconds: null }>(await cli('agent', 'set', '1000', '--wrap-up-time', 'default', '--json')).wrapUpSeconds, null);
      assert.equal((await cli('agent', 'add', '2000', '--contact', 'user/2000@default', '--type', 'static')).code, 0);
      // mod_callcenter-style per-leg variables are kept as given (originate-command.test.ts: how they are dialled)
      const withVariables = json<{ contact: string }>(await cli('agent', 'add', '2001', '--contact', '[leg_timeout=10]sofia/internal/2001@127.0.0.1:5090', '--type', 'static', '--json'));
      assert.equal(withVariables.contact, '[leg_timeout=10]sofia/internal/2001@127.0.0.1:5090');
      assert.equal((await cli('agent', 'delete', '2001')).code, 0);
      assert.equal((await cli('tier', 'add', 'support', '1000', '--level', '2', '--position', '3')).code, 0);
      assert.equal((await cli('tier', 'add', 'support', '2000')).code, 0);
      const tiers = json<TierConfig[]>(await cli('tier', 'list', '--queue', 'support', '--json'));
      assert.deepEqual(tiers, [
        { queue: 'support', agentId: '2000', level: 1, position: 1 },
        { queue: 'support', agentId: '1000', level: 2, position: 3 },
      ]);
    });

    test('without a controller, login and pause are saved and status shows the saved state', async () => {
      const login = await cli('agent', 'login', '1000');
      assert.equal(login.code, 0, login.stderr);
      assert.match(login.stdout, /no controller running: saved/);
      json(await cli('agent', 'pause', '1000', '--reason', 'training', '--json'));
      const saved = json<AgentSnapshot & { live: boolean }>(await cli('agent', 'status', '1000', '--json'));
      assert.deepEqual([saved.status, saved.pauseReason, saved.live], ['On Break', 'training', false]);
      const status = json<StatusReport>(await cli('status', '--json'));
      assert.equal(status.live, false);
      assert.deepEqual(status.queues[0]?.agents.map((a) => [a.id, a.status, a.pauseReason]), [
        ['2000', 'Available', null],
        ['1000', 'On Break', 'training'],
      ]);
      assert.deepEqual(status.queues[0]?.today, { offered: 0, answered: 0, abandoned: 0, serviceLevelPct: null });
    });

    describe('with a running controller (controller.json)', () => {
      let server: ApiServer;
      let plane: EngineControlPlane;
      const events: QueueEvent[] = [];

      before(async () => {
        plane = new EngineControlPlane(Date.now);
        const store = databaseApiStore(t.database);
        const agents = await store.config.agents.list();
        assert.ok(agents.ok);
        for (const agent of agents.value) plane.submit({ kind: 'agent-upserted', agent });
        plane.subscribe((update) => {
          if (update.kind === 'event') events.push(update.event);
        });
        server = await startApiServer({ host: '127.0.0.1', port: 0, token: 'secret', controlPlane: plane, store, logger: silentLogger });
        await writeRuntimeFile(dir, { pid: process.pid, databaseUrl: t.server.url(), apiUrl: server.url, apiToken: 'secret' });
        env = { LINEUP_DATA_DIR: dir }; // everything comes from controller.json now
      });
      after(() => server.close());

      test('live commands go to the controller, with its token; the PAUSE event carries the reason', async () => {
        const login = json<AgentSnapshot & { live: boolean }>(await cli('agent', 'login', '1000', '--json'));
        assert.deepEqual([login.status, login.live], ['Available', true]);
        const pause = json<AgentSnapshot>(await cli('agent', 'pause', '1000', '--reason', 'lunch', '--json'));
        assert.equal(pause.pauseReason, 'lunch');
        assert.deepEqual(events.map((e) => [e.type, e.data['reason'] ?? null, e.data['source']]), [
          ['AGENTLOGIN', null, 'cli'],
          ['PAUSE', 'lunch', 'cli'],
        ]);
        const logout = await cli('agent', 'logout', '2000');
        assert.equal(logout.code, 2);
        assert.match(logout.stderr, /agent 2000 is static/);
      });

      test('status comes live from the controller; config commands reach the database through controller.json', async () => {
        const status = json<StatusReport>(await cli('status', '--json'));
        assert.equal(status.live, true);
        assert.equal(status.queues[0]?.agents.find((a) => a.id === '1000')?.pauseReason, 'lunch');
        const text = await cli('status');
        assert.match(text.stdout, /live from the controller/);
        assert.match(text.stdout, /^1000 +On Break +lunch +Waiting/m);
        const deleted = await cli('queue', 'delete', 'support');
        assert.equal(deleted.stdout, 'deleted queue support\n');
        assert.deepEqual(json<unknown[]>(await cli('tier', 'list', '--json')), []);
      });
    });
  });
}
