// `lineup report events|calls|queues|agents`: the reports of docs/reporting.md over a period,
// filtered, as a table, CSV or JSON, to stdout or a file (written whole or not at all).
import { rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EVENT_TYPES, type EventType } from '../../engine/index.js';
import { REPORT_INTERVALS, REPORT_KINDS, runReport, unknownNames, type ReportInterval, type ReportKind } from '../../store/reports.js';
import { describe } from '../../store/database.js';
import { openTarget, resolveTarget } from '../connect.js';
import { addDatabaseOptions, type DatabaseOptions } from '../database-options.js';
import { CliFailure, runtimeError, usageError } from '../errors.js';
import { formatRows, OUTPUT_FORMATS, type OutputFormat } from '../format.js';
import { NAMED_PERIODS, resolvePeriod } from '../period.js';

interface ReportOptions extends DatabaseOptions {
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  readonly queue: string[];
  readonly agent: string[];
  readonly event: string[];
  readonly callId: string[];
  readonly slThreshold: string;
  readonly shortAbandon: string;
  readonly interval: string;
  readonly format: string;
  readonly output?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function register(program: Command): void {
  const command = program
    .command('report')
    .description('queue reports from the event log')
    .argument('<kind>', `one of ${REPORT_KINDS.join(', ')}`)
    .option('--period <name>', `${NAMED_PERIODS.join(' | ')} (default today)`)
    .option('--from <date>', 'start, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (local time unless Z/±HH:MM)')
    .option('--to <date>', 'end, exclusive; a date alone includes that day (default now)')
    .option('--queue <name>', 'only this queue (repeatable)', collect, [])
    .option('--agent <id>', 'only this agent (repeatable)', collect, [])
    .option('--event <type>', 'events report: only this event type, e.g. ABANDON (repeatable)', collect, [])
    .option('--call-id <id>', 'only this call (repeatable)', collect, [])
    .option('--sl-threshold <seconds>', 'service level threshold', '20')
    .option('--short-abandon <seconds>', 'abandons shorter than this are short abandons', '5')
    .option('--interval <size>', `queues report buckets: ${Object.keys(REPORT_INTERVALS).join(' | ')}`, 'period')
    .option('--format <format>', OUTPUT_FORMATS.join(' | '), 'table')
    .option('--output <file>', 'write to this file instead of stdout');
  addDatabaseOptions(command).action(async (kind: string, options: ReportOptions) => {
    const request = parseRequest(kind, options);
    const { database } = await openTarget(await resolveTarget(options));
    let text: string;
    try {
      for (const [what, names] of [['queue', options.queue], ['agent', options.agent]] as const) {
        const unknown = await unknownNames(database.sql, what, names);
        if (unknown.length > 0) throw usageError(`unknown ${what} ${unknown.join(', ')}: not configured and not in the event log`);
      }
      const { columns, rows } = await runReport(database.sql, request.kind, request.query);
      text = formatRows(rows, request.format, columns);
    } catch (error) {
      throw error instanceof CliFailure ? error : runtimeError(`report failed: ${describe(error)}`);
    } finally {
      await database.close();
    }
    if (options.output === undefined) process.stdout.write(text);
    else await writeWhole(options.output, text);
  });
}

function parseRequest(kind: string, options: ReportOptions) {
  if (!(REPORT_KINDS as readonly string[]).includes(kind)) {
    throw usageError(`unknown report ${kind}: use one of ${REPORT_KINDS.join(', ')}`);
  }
  if (!(OUTPUT_FORMATS as readonly string[]).includes(options.format)) {
    throw usageError(`--format ${options.format}: use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  if (!Object.hasOwn(REPORT_INTERVALS, options.interval)) {
    throw usageError(`--interval ${options.interval}: use one of ${Object.keys(REPORT_INTERVALS).join(', ')}`);
  }
  const events = options.event.map((name) => {
    const type = name.toUpperCase();
    if (!(EVENT_TYPES as readonly string[]).includes(type)) {
      throw usageError(`--event ${name} is not an event type: use one of ${EVENT_TYPES.join(', ')}`);
    }
    return type as EventType;
  });
  const period = resolvePeriod(options, new Date());
  if (!period.ok) throw usageError(period.message);
  return {
    kind: kind as ReportKind,
    format: options.format as OutputFormat,
    query: {
      ...period.period,
      queues: options.queue,
      agents: options.agent,
      events,
      callIds: options.callId,
      slThresholdSeconds: seconds('--sl-threshold', options.slThreshold),
      shortAbandonSeconds: seconds('--short-abandon', options.shortAbandon),
      interval: options.interval as ReportInterval,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
  };
}

function seconds(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw usageError(`${option} ${text}: expected a number of seconds ≥ 0`);
  }
  return value;
}

/** Via a temporary file and a rename: the file is complete or untouched. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    throw runtimeError(`cannot write ${path}: ${describe(error)}`);
  }
}
