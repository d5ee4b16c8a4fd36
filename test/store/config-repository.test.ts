import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { defaultAgentConfig, defaultQueueConfig, EVENT_TYPES, STRATEGIES } from '../../src/engine/index.js';
import { ConfigRepository } from '../../src/store/config-repository.js';
import { insertEvents } from '../../src/store/insert-events.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';

for (const backend of testBackends()) {
  describe(`configuration on ${backend.name}`, () => {
    let t: TestDatabase;
    let repo: ConfigRepository;
    before(async () => {
      t = await openTestDatabase(backend);
      repo = new ConfigRepository(t.database.db);
    });
    after(() => t.close());

    test('a queue round-trips field by field; every strategy is accepted', async () => {
      const queue = { ...defaultQueueConfig('sales'), extension: '5000', exitKeys: [{ key: '1', destination: 'voicemail' }] };
      assert.deepEqual(await repo.insertQueue(queue), { ok: true, value: undefined });
      assert.deepEqual(await repo.getQueue('sales'), { ok: true, value: queue });
      for (const strategy of STRATEGIES) {
        assert.equal((await repo.insertQueue({ ...defaultQueueConfig(`q-${strategy}`), strategy })).ok, true, strategy);
      }
      assert.equal((await repo.listQueues()).length, 1 + STRATEGIES.length);
    });

    test('bad rows cannot exist: duplicate, out-of-range field, bad exit key, dangling tier', async () => {
      assert.equal((await repo.insertQueue(defaultQueueConfig('support'))).ok, true);
      const duplicate = await repo.insertQueue(defaultQueueConfig('support'));
      assert.equal(duplicate.ok ? null : duplicate.error.kind, 'duplicate');
      const ring = await repo.updateQueue({ ...defaultQueueConfig('support'), maxRingSeconds: 0 });
      assert.deepEqual(ring.ok ? null : ring.error, {
        kind: 'constraint', field: 'maxRingSeconds', message: 'queue support: maxRingSeconds is out of range',
      });
      const key = await repo.updateQueue({ ...defaultQueueConfig('support'), exitKeys: [{ key: '12', destination: 'x' }] });
      assert.equal(key.ok ? null : key.error.kind, 'constraint');
      const tier = await repo.insertTier({ queue: 'support', agentId: 'ghost', level: 0, position: 0 });
      assert.equal(tier.ok ? null : tier.error.kind, 'not-found');
      const missing = await repo.updateQueue(defaultQueueConfig('nope'));
      assert.equal(missing.ok ? null : missing.error.kind, 'not-found');
    });

    test('tiers follow their agent and queue; config_version moves with every change', async () => {
      const before = await repo.version();
      assert.equal((await repo.insertAgent(defaultAgentConfig('1001', 'user/1001'))).ok, true);
      assert.equal((await repo.insertTier({ queue: 'support', agentId: '1001', level: 1, position: 2 })).ok, true);
      assert.deepEqual(await repo.listTiers('support'), [{ queue: 'support', agentId: '1001', level: 1, position: 2 }]);
      assert.equal((await repo.deleteAgent('1001')).ok, true);
      assert.deepEqual(await repo.listTiers('support'), []);
      assert.ok((await repo.version()) >= before + 3);
    });

    test('the event log accepts every engine event type', async () => {
      const records = EVENT_TYPES.map((type, i) => ({
        eventId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
        event: { type, at: 0, callId: null, queue: null, agentId: null, data: {} },
      }));
      await insertEvents(t.database.sql, records);
      const [row] = await t.database.sql<{ n: string }[]>`select count(*) as n from queue_events`;
      assert.equal(Number(row?.n), EVENT_TYPES.length);
    });
  });
}
