// Used by scripts/bench-freeswitch: per-call latencies on FreeSWITCH's own clock (Event-Date-Timestamp, µs), from the
// events scripts/e2e/fs-watch.ts recorded (one JSON object per line on stdin). A caller is an inbound channel to the
// queue number; its agent legs are the channels whose variable_lineup_call_id names it.
//
//   caller created → agent leg created   (how soon Lineup rings: the socket's setup, the engine, the originate)
//   caller answered → agent leg created  (issue 10's "dispatch"; negative when the ring left before the answer ran)
//   agent answered → caller bridged      (how soon Lineup joins the legs once the agent picked up)
//
// Prints one line per measure: name, count, p50, p99, max in ms.
import { readFileSync } from 'node:fs';

interface Row {
  readonly name: string;
  readonly uuid: string;
  readonly at: number;
  readonly callId: string | undefined;
  readonly direction: string | undefined;
  readonly destination: string | undefined;
}

function rows(input: string): Row[] {
  return input
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, string | number>)
    .map((record) => ({
      name: String(record['Event-Name'] ?? ''),
      uuid: String(record['Unique-ID'] ?? ''),
      at: Number(record['Event-Date-Timestamp'] ?? 0) / 1000,
      callId: record['variable_lineup_call_id'] === undefined ? undefined : String(record['variable_lineup_call_id']),
      direction: record['Call-Direction'] === undefined ? undefined : String(record['Call-Direction']),
      destination: record['Caller-Destination-Number'] === undefined ? undefined : String(record['Caller-Destination-Number']),
    }));
}

function first(events: readonly Row[], name: string, uuid: string): number | undefined {
  return events.find((event) => event.name === name && event.uuid === uuid)?.at;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function report(name: string, values: readonly number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (value: number): string => value.toFixed(1);
  process.stdout.write(`${name}\t${sorted.length}\tp50 ${ms(percentile(sorted, 50))}\tp99 ${ms(percentile(sorted, 99))}\tmax ${ms(sorted[sorted.length - 1] ?? Number.NaN)}\n`);
}

const destination = process.argv[2];
if (destination === undefined) {
  process.stderr.write('usage: freeswitch-latency QUEUE_NUMBER < fs-events.jsonl\n');
  process.exit(2);
}
const events = rows(readFileSync(0, 'utf8'));
const callers = events.filter((e) => e.name === 'CHANNEL_CREATE' && e.direction === 'inbound' && e.destination === destination).map((e) => e.uuid);
const created: number[] = [];
const answered: number[] = [];
const bridged: number[] = [];
for (const caller of callers) {
  const leg = events.find((e) => e.name === 'CHANNEL_CREATE' && e.callId === caller);
  const callerCreated = first(events, 'CHANNEL_CREATE', caller);
  const callerAnswered = first(events, 'CHANNEL_ANSWER', caller);
  if (leg === undefined || callerCreated === undefined) continue;
  created.push(leg.at - callerCreated);
  if (callerAnswered !== undefined) answered.push(leg.at - callerAnswered);
  const legAnswered = first(events, 'CHANNEL_ANSWER', leg.uuid);
  const callerBridged = first(events, 'CHANNEL_BRIDGE', caller);
  if (legAnswered !== undefined && callerBridged !== undefined) bridged.push(callerBridged - legAnswered);
}
process.stdout.write(`callers\t${callers.length}\n`);
report('caller created -> agent leg created', created);
report('caller answered -> agent leg created', answered);
report('agent answered -> caller bridged', bridged);
