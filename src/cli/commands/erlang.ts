// `lineup erlang`: the Erlang C staffing calculator. Given arrivals, AHT and a service-level
// target, how many agents are needed, with the table of neighbouring staffing levels.
import type { Command } from 'commander';
import {
  agentsNeeded,
  minimumStableAgents,
  staffingRow,
  trafficErlangs,
  type ErlangLoad,
  type StaffingRow,
  type StaffingTarget,
} from '../../sim/erlang-c.js';
import { FieldError, requireNumericText } from '../../sim/fields.js';
import { RATE_RANGE, SECONDS_RANGE } from '../../sim/scenario.js';
import { usageError } from '../errors.js';
import { withExamples } from '../examples.js';
import { formatTableText } from '../format.js';

interface ErlangFlags {
  readonly callsPerHour?: string;
  readonly aht?: string;
  readonly targetSl: string;
  readonly slThreshold: string;
  readonly targetAsa?: string;
  readonly agents?: string;
  readonly json?: boolean;
}

interface ErlangRequest {
  readonly callsPerHour: number;
  readonly load: ErlangLoad;
  readonly target: StaffingTarget;
  readonly agents: number | null;
}

/** Rows shown on each side of the answer (and of --agents). */
const NEIGHBOURS = 2;
/** Largest traffic the calculator accepts, in Erlangs: the search is O(N log N) per request. */
const MAX_TRAFFIC_ERLANGS = 100_000;

export function register(program: Command): void {
  const command = program.command('erlang');
  withExamples(command, [
    'lineup erlang --calls-per-hour 100 --aht 180 --target-sl 0.8 --sl-threshold 20',
    'lineup erlang --calls-per-hour 3600 --aht 180 --target-asa 10 --agents 185 --json',
  ]);
  command
    .description('Erlang C staffing: agents needed for a service-level target, with P(wait), ASA, SL and occupancy around it')
    .option('--calls-per-hour <x>', 'arrival rate')
    .option('--aht <seconds>', 'average handle time (talk + wrap-up)')
    .option('--target-sl <fraction>', 'fraction of calls to answer within the threshold, e.g. 0.8', '0.8')
    .option('--sl-threshold <seconds>', 'service-level threshold', '20')
    .option('--target-asa <seconds>', 'also require the average speed of answer to be at most this')
    .option('--agents <n>', 'also show this staffing level')
    .option('--json', 'print one JSON object')
    .action((flags: ErlangFlags) => {
      const request = parseRequest(flags);
      const needed = agentsNeeded(request.load, request.target);
      const rows = tableAgents(needed, request.agents, request.load.trafficErlangs).map((agents) =>
        staffingRow(agents, request.load, request.target.thresholdSeconds),
      );
      const output = flags.json === true ? JSON.stringify(resultJson(request, needed, rows)) : formatTable(request, needed, rows);
      process.stdout.write(`${output}\n`);
    });
}

function parseRequest(flags: ErlangFlags): ErlangRequest {
  try {
    const required = (flag: string, value: string | undefined): string => {
      if (value === undefined) throw new FieldError(flag, 'missing; it is required');
      return value;
    };
    const callsPerHour = requireNumericText('--calls-per-hour', required('--calls-per-hour', flags.callsPerHour), RATE_RANGE);
    const handleSeconds = requireNumericText('--aht', required('--aht', flags.aht), RATE_RANGE);
    const traffic = trafficErlangs(callsPerHour, handleSeconds);
    if (traffic > MAX_TRAFFIC_ERLANGS) {
      throw new FieldError('--calls-per-hour', `${callsPerHour} calls/h × ${handleSeconds} s is ${traffic} Erlangs; at most ${MAX_TRAFFIC_ERLANGS} allowed`);
    }
    return {
      callsPerHour,
      load: { trafficErlangs: traffic, handleSeconds },
      target: {
        serviceLevel: requireNumericText('--target-sl', flags.targetSl, { min: 0, minExclusive: true, max: 1, maxExclusive: true }),
        thresholdSeconds: requireNumericText('--sl-threshold', flags.slThreshold, SECONDS_RANGE),
        ...(flags.targetAsa === undefined ? {} : { maxAsaSeconds: requireNumericText('--target-asa', flags.targetAsa, RATE_RANGE) }),
      },
      agents: flags.agents === undefined ? null : requireNumericText('--agents', flags.agents, { integer: true, min: 1, max: 10 * MAX_TRAFFIC_ERLANGS }),
    };
  } catch (error) {
    if (error instanceof FieldError) throw usageError(error.message);
    throw error;
  }
}

/** Staffing levels shown: the answer and --agents with their neighbours, stable levels only except --agents itself. */
function tableAgents(needed: number, asked: number | null, traffic: number): number[] {
  const levels = new Set<number>();
  for (const centre of asked === null ? [needed] : [needed, asked]) {
    for (let agents = centre - NEIGHBOURS; agents <= centre + NEIGHBOURS; agents++) {
      if (agents >= minimumStableAgents(traffic) || agents === asked) levels.add(agents);
    }
  }
  return [...levels].sort((a, b) => a - b);
}

/** JSON has no Infinity: an unstable level's ASA and queue length are null. */
function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function resultJson(request: ErlangRequest, needed: number, rows: readonly StaffingRow[]): Record<string, unknown> {
  return {
    calls_per_hour: request.callsPerHour,
    aht_seconds: request.load.handleSeconds,
    traffic_erlangs: request.load.trafficErlangs,
    target_service_level: request.target.serviceLevel,
    sl_threshold_seconds: request.target.thresholdSeconds,
    target_asa_seconds: request.target.maxAsaSeconds ?? null,
    agents_needed: needed,
    rows: rows.map((row) => ({
      agents: row.agents,
      occupancy: row.occupancy,
      p_wait: row.pWait,
      asa_seconds: finite(row.asaSeconds),
      service_level: row.serviceLevel,
      mean_queue_length: finite(row.meanQueueLength),
    })),
  };
}

function formatTable(request: ErlangRequest, needed: number, rows: readonly StaffingRow[]): string {
  const { load, target } = request;
  const asaTarget = target.maxAsaSeconds === undefined ? '' : ` and ASA ≤ ${target.maxAsaSeconds} s`;
  const table = formatTableText(
    ['', 'agents', 'occupancy', 'P(wait)', 'ASA', `SL(${target.thresholdSeconds} s)`, 'waiting'],
    rows.map((row) => {
      const stable = Number.isFinite(row.asaSeconds);
      return [
        row.agents === needed ? '>' : '',
        String(row.agents),
        `${(row.occupancy * 100).toFixed(1)} %`,
        row.pWait.toFixed(3),
        stable ? `${row.asaSeconds.toFixed(1)} s` : 'unstable',
        `${(row.serviceLevel * 100).toFixed(1)} %`,
        stable ? row.meanQueueLength.toFixed(2) : '-',
      ];
    }),
  );
  return [
    `Traffic: ${request.callsPerHour} calls/h × ${load.handleSeconds} s = ${load.trafficErlangs.toFixed(2)} Erlangs`,
    `Target: ${(target.serviceLevel * 100).toFixed(1)} % answered within ${target.thresholdSeconds} s${asaTarget}`,
    `Agents needed: ${needed}`,
    '',
    table,
  ].join('\n');
}
