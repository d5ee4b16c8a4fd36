// Used by scripts/e2e-freeswitch: selects records from JSON on stdin — Lineup's `report events --format json` (an
// array) or fs-watch's output (one object per line) — and prints fields of each match, one line per record,
// tab-separated, in input order.
//
//   records [--skip N] [--where PATH=VALUE | --where PATH~TEXT | --where PATH!=VALUE]… --print PATH[,PATH…]
//
// PATH is a field name or a dotted path into nested objects (data.callerIdNumber). `=` matches the whole value,
// `~` a substring, `!=` anything else (absent included). `at` fields (ISO times) and Event-Date-Timestamp
// (microseconds) are printed as they are; `--print ms:PATH` prints a time as epoch milliseconds.
// --skip N drops the first N records (fs-watch lines a scenario did not see).
import { readFileSync } from 'node:fs';

type Condition = { readonly path: string; readonly op: '=' | '~' | '!='; readonly value: string };

function fail(message: string): never {
  process.stderr.write(`records: ${message}\n`);
  process.exit(2);
}

function parseInput(input: string): unknown[] {
  const trimmed = input.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) ? parsed : fail('expected a JSON array');
  }
  return trimmed.split('\n').map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return fail(`line ${index + 1} is not JSON: ${line.slice(0, 120)}`);
    }
  });
}

function lookup(record: unknown, path: string): unknown {
  let value = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function matches(record: unknown, condition: Condition): boolean {
  const text = asText(lookup(record, condition.path));
  if (condition.op === '!=') return text !== condition.value;
  if (text === undefined) return false;
  return condition.op === '=' ? text === condition.value : text.includes(condition.value);
}

/** ISO time → ms; FreeSWITCH's Event-Date-Timestamp (µs) → ms. */
function milliseconds(value: unknown): string {
  const text = asText(value) ?? '';
  if (/^\d{16}$/.test(text)) return String(Math.floor(Number(text) / 1000));
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? '' : String(parsed);
}

function printField(record: unknown, spec: string): string {
  if (spec.startsWith('ms:')) return milliseconds(lookup(record, spec.slice(3)));
  return asText(lookup(record, spec)) ?? '';
}

// A reader that stops early (| head -n 1) is no error.
process.stdout.on('error', () => process.exit(0));

const conditions: Condition[] = [];
let fields: string[] = [];
let skip = 0;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (value === undefined) fail(`${flag ?? ''} needs a value`);
  if (flag === '--skip') skip = Number(value);
  else if (flag === '--print') fields = value.split(',');
  else if (flag === '--where') {
    const match = /^([^=~!]+)(=|~|!=)(.*)$/s.exec(value);
    if (match === null) fail(`--where wants PATH=VALUE, PATH~TEXT or PATH!=VALUE, got ${value}`);
    conditions.push({ path: match[1] ?? '', op: (match[2] ?? '=') as Condition['op'], value: match[3] ?? '' });
  } else fail(`unknown flag ${flag ?? ''}`);
}
if (fields.length === 0) fail('--print is required');
for (const record of parseInput(readFileSync(0, 'utf8')).slice(skip)) {
  if (conditions.every((condition) => matches(record, condition))) process.stdout.write(`${fields.map((field) => printField(record, field)).join('\t')}\n`);
}
