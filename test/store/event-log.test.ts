import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { EventType, QueueEvent } from '../../src/engine/index.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase, type LineupDatabase } from '../../src/store/database.js';
import { EventLog } from '../../src/store/event-log.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0, 123);

function event(seq: number, type: EventType = 'ENTERQUEUE'): QueueEvent {
  return { type, at: T0 + seq, callId: `call-${seq}`, queue: 'sales', agentId: null, data: { seq, note: 'a,"b"' } };
}

function events(from: number, count: number): QueueEvent[] {
  return Array.from({ length: count }, (_, i) => event(from + i));
}

async function loggedSeqs(database: LineupDatabase): Promise<number[]> {
  const rows = await database.sql<{ seq: number }[]>`select (data->>'seq')::int as seq from queue_events order by id`;
  return rows.map((row) => row.seq);
}

/** Polls a condition the system reaches asynchronously (no timing assumption beyond a 20 s cap). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 20_000) throw new Error('condition not reached in 20 s');
    await delay(10);
  }
}

const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

async function withSpoolDir<T>(body: (spoolPath: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'lineup-spool-'));
  try {
    return await body(join(dir, 'events.spool'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The test database reached through a proxy the test can cut. */
async function openThroughProxy(t: TestDatabase): Promise<{ proxy: TcpProxy; database: LineupDatabase }> {
  const proxy = await startTcpProxy(t.server);
  const opened = await openDatabase({
    url: t.server.url(proxy),
    logger: silentLogger,
    maxConnections: t.server.maxConnections,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return { proxy, database: opened.database };
}

for (const backend of testBackends()) {
  describe(`event log on ${backend.name}`, () => {
    test('writes every event once, in acceptance order, with ms timestamps and data', async () => {
      const t = await openTestDatabase(backend);
      await withSpoolDir(async (spoolPath) => {
        const log = await EventLog.open({ sql: t.database.sql, spoolPath, logger: silentLogger, maxBatch: 7 });
        for (let i = 0; i < 50; i += 5) log.append(events(i, 5));
        await log.flush();
        assert.deepEqual(await loggedSeqs(t.database), range(50));
        const [first] = await t.database.sql<{ at: Date; data: unknown; event_id: string }[]>`
          select at, data, event_id::text from queue_events order by id limit 1`;
        assert.equal(first?.at.getTime(), T0);
        assert.deepEqual(first?.data, { seq: 0, note: 'a,"b"' });
        assert.match(first?.event_id ?? '', /^[0-9a-f-]{36}$/);
        assert.deepEqual(log.stats(), { accepted: 50, committed: 50, rejected: 0, pending: 0, failures: 0, spooling: false });
        await log.close();
      });
      await t.close();
    });

    test('database unreachable while events flow: spooled, then all present exactly once and in order', async () => {
      const t = await openTestDatabase(backend);
      const { proxy, database } = await openThroughProxy(t);
      await withSpoolDir(async (spoolPath) => {
        const log = await EventLog.open({
          sql: database.sql, spoolPath, logger: silentLogger, maxBatch: 20, maxDelayMs: 5, retryMinMs: 20, retryMaxMs: 100, stallMs: 50,
        });
        let seq = 0;
        const flow = async (rounds: number): Promise<void> => {
          for (let r = 0; r < rounds; r += 1) {
            log.append(events(seq, 10));
            seq += 10;
            await delay(5);
          }
        };
        await flow(20);
        proxy.cut();
        await flow(30);
        // Spooling starts on a failed batch or on one that hangs longer than stallMs.
        await until(() => log.stats().spooling);
        await delay(50); // > maxDelayMs: the events accepted during the outage reach the spool
        const spooled = (await readFile(spoolPath, 'utf8')).split('\n').filter((line) => line !== '');
        assert.ok(spooled.length > 0, 'events are in the spool during the outage');
        proxy.restore();
        await flow(20);
        await log.flush();
        assert.deepEqual(await loggedSeqs(t.database), range(seq));
        assert.equal(log.stats().spooling, false);
        assert.equal(await readFile(spoolPath, 'utf8'), '', 'spool emptied after replay');
        await log.close();
      });
      await database.close();
      await proxy.close();
      await t.close();
    });

    test('a restart replays the spool; events already committed are not doubled', async () => {
      const t = await openTestDatabase(backend);
      const { proxy, database } = await openThroughProxy(t);
      await withSpoolDir(async (spoolPath) => {
        const first = await EventLog.open({ sql: database.sql, spoolPath, logger: silentLogger, retryMinMs: 20 });
        first.append(events(0, 5));
        await first.flush();
        proxy.cut();
        first.append(events(5, 5));
        await first.close(); // the database is down: these stay in the spool
        assert.equal(first.stats().pending, 5);
        // An ambiguous failure: a committed batch also in the spool, before the new ones.
        const committed = await t.database.sql<{ event_id: string; seq: number }[]>`
          select event_id::text, (data->>'seq')::int as seq from queue_events order by id`;
        const again = committed.map((row) => JSON.stringify({ eventId: row.event_id, event: event(row.seq) }));
        const held = await readFile(spoolPath, 'utf8');
        await writeFile(spoolPath, `${again.join('\n')}\n${held}{"eventId":"torn`);
        proxy.restore();

        const second = await EventLog.open({ sql: database.sql, spoolPath, logger: silentLogger });
        second.append(events(10, 3));
        await second.flush();
        assert.deepEqual(await loggedSeqs(t.database), range(13));
        assert.equal(await readFile(spoolPath, 'utf8'), '');
        await second.close();
      });
      await database.close();
      await proxy.close();
      await t.close();
    });

    test('an event the database refuses is rejected alone; the others are written', async () => {
      const t = await openTestDatabase(backend);
      await withSpoolDir(async (spoolPath) => {
        const log = await EventLog.open({ sql: t.database.sql, spoolPath, logger: silentLogger });
        log.append([event(0), event(1, 'NOT-AN-EVENT' as EventType), event(2)]);
        await log.flush();
        assert.deepEqual(await loggedSeqs(t.database), [0, 2]);
        assert.equal(log.stats().rejected, 1);
        await log.close();
      });
      await t.close();
    });
  });
}
