// Sustained events/s into Postgres through EventLog, and latency from append() to committed row
// (p50/p99/max). Offers events at --rate per second for --seconds in 10 ms ticks, into a fresh
// database it creates on the server and drops afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import postgres from 'postgres';
import type { QueueEvent } from '../src/engine/index.js';
import { silentLogger } from '../src/log.js';
import { openDatabase } from '../src/store/database.js';
import { EventLog } from '../src/store/event-log.js';
import { migrate } from '../src/store/migrations.js';

const { values } = parseArgs({ options: { rate: { type: 'string', default: '25000' }, seconds: { type: 'string', default: '20' } } });
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const url = process.env['DATABASE_URL'];
if (url === undefined || !(rate > 0) || !(seconds > 0)) {
  process.stderr.write('usage: DATABASE_URL=postgres://... scripts/bench-events [--rate N] [--seconds S]\n');
  process.exit(2);
}

const name = `lineup_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(url, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const target = new URL(url);
target.pathname = `/${name}`;
const opened = await openDatabase({ url: target.toString(), logger: silentLogger });
if (!opened.ok) throw new Error(opened.error.message);
const database = opened.database;
await migrate(database.sql);
const dir = await mkdtemp(join(tmpdir(), 'lineup-bench-'));

const latencies: number[] = [];
const log = await EventLog.open({
  sql: database.sql,
  spoolPath: join(dir, 'events.spool'),
  logger: silentLogger,
  onCommit: (acceptedAt) => {
    const now = performance.now();
    for (const at of acceptedAt) latencies.push(now - at);
  },
});

const event = (i: number): QueueEvent => ({
  type: i % 3 === 0 ? 'ENTERQUEUE' : i % 3 === 1 ? 'OFFER' : 'CONNECT',
  at: Date.now(),
  callId: `call-${Math.floor(i / 3)}`,
  queue: 'sales',
  agentId: i % 3 === 0 ? null : `agent-${i % 50}`,
  data: { position: i % 10, waitSeconds: 12.5, offerId: `offer-${i}` },
});

const start = performance.now();
let sent = 0;
while (performance.now() - start < seconds * 1000) {
  const due = Math.floor(((performance.now() - start) / 1000) * rate);
  const batch: QueueEvent[] = [];
  for (; sent < due; sent += 1) batch.push(event(sent));
  log.append(batch);
  await delay(10);
}
await log.flush();
const elapsed = (performance.now() - start) / 1000;
const [row] = await database.sql<{ n: string }[]>`select count(*) as n from queue_events`;
latencies.sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
console.log(
  JSON.stringify({
    offeredRate: rate,
    events: sent,
    rows: Number(row?.n),
    seconds: Number(elapsed.toFixed(2)),
    eventsPerSecond: Math.round(sent / elapsed),
    latencyMs: { p50: Math.round(pct(0.5)), p99: Math.round(pct(0.99)), max: Math.round(pct(1)) },
    failures: log.stats().failures,
  }),
);
await log.close();
await database.close();
await rm(dir, { recursive: true, force: true });
await admin.unsafe(`drop database ${name} with (force)`);
await admin.end();
