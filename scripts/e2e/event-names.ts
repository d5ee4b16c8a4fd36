// Used by scripts/e2e-freeswitch: reads Lineup's event log as JSON on stdin (the output of
// `lineup report events --format json`: an array, an object with an `events` array, or one
// object per line) and prints one line per event of the selected queue, agent or call, in input
// order: "<EVENT> <agentId or ->". Field names are accepted in the report's camelCase or the
// table's snake_case (type/event, agentId/agent_id, callId/call_id), so the script does not
// depend on which one the report uses.
//
// Usage: node --import tsx scripts/e2e/event-names.ts (--queue NAME | --agent ID | --call-id ID)
import { readFileSync } from 'node:fs';

interface EventRow {
  readonly type: string;
  readonly queue: string | null;
  readonly agentId: string | null;
  readonly callId: string | null;
}

type Filter = { readonly field: 'queue' | 'agentId' | 'callId'; readonly value: string };

const FLAGS: Readonly<Record<string, Filter['field']>> = { '--queue': 'queue', '--agent': 'agentId', '--call-id': 'callId' };

function fail(message: string): never {
  process.stderr.write(`event-names: ${message}\n`);
  process.exit(2);
}

function parseFilter(args: readonly string[]): Filter {
  const [flag, value] = args;
  const field = flag === undefined ? undefined : FLAGS[flag];
  if (field === undefined || value === undefined || args.length !== 2) {
    fail(`expected exactly one of ${Object.keys(FLAGS).join(', ')} with a value, got: ${args.join(' ')}`);
  }
  return { field, value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: Record<string, unknown>, ...names: string[]): string | null {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string') return value;
  }
  return null;
}

function toRow(value: unknown, index: number): EventRow {
  if (!isRecord(value)) fail(`event #${index + 1} is not a JSON object`);
  const type = text(value, 'type', 'event');
  if (type === null) fail(`event #${index + 1} has no "type" (or "event") field: ${JSON.stringify(value)}`);
  return {
    type,
    queue: text(value, 'queue'),
    agentId: text(value, 'agentId', 'agent_id', 'agent'),
    callId: text(value, 'callId', 'call_id'),
  };
}

function parseEvents(input: string): unknown[] {
  const trimmed = input.trim();
  if (trimmed === '') return [];
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed)) return parsed;
    if (isRecord(parsed) && Array.isArray(parsed['events'])) return parsed['events'];
    return [parsed];
  } catch {
    // Not one JSON document: one event per line.
    return trimmed.split('\n').filter((line) => line.trim() !== '').map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return fail(`line ${index + 1} of the report is not JSON: ${line.slice(0, 120)}`);
      }
    });
  }
}

const filter = parseFilter(process.argv.slice(2));
const rows = parseEvents(readFileSync(0, 'utf8')).map(toRow);
for (const row of rows) {
  if (row[filter.field] === filter.value) process.stdout.write(`${row.type} ${row.agentId ?? '-'}\n`);
}
