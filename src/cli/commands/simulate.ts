// `lineup simulate`: a discrete-event simulation driving the real engine, from a JSON scenario
// file or one queue described by flags. Prints a summary, or one JSON object with --json.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { STRATEGIES } from '../../engine/index.js';
import { FieldError, requireNumericText, requireOneOf } from '../../sim/fields.js';
import type { CallMetrics } from '../../sim/metrics.js';
import {
  CALLS_RANGE,
  PROBABILITY_RANGE,
  RATE_RANGE,
  SCENARIO_DEFAULTS,
  SECONDS_RANGE,
  SEED_RANGE,
  parseScenario,
  type Scenario,
} from '../../sim/scenario.js';
import { simulate, type SimulationReport } from '../../sim/simulator.js';
import { HANDLE_TIME_KINDS, singleQueueScenario } from '../../sim/single-queue.js';
import { usageError } from '../errors.js';
import { withExamples } from '../examples.js';
import { formatTableText } from '../format.js';

interface SimulateFlags {
  readonly scenario?: string;
  readonly agents?: string;
  readonly callsPerHour?: string;
  readonly aht?: string;
  readonly handleTime?: string;
  readonly strategy?: string;
  readonly ringDelay?: string;
  readonly wrapUp?: string;
  readonly patience?: string;
  readonly rnaProbability?: string;
  readonly calls?: string;
  readonly seed?: string;
  readonly slThreshold?: string;
  readonly json?: boolean;
}

/** Flags that describe the single queue, so they cannot be combined with --scenario. */
const QUEUE_FLAGS = {
  agents: '--agents',
  callsPerHour: '--calls-per-hour',
  aht: '--aht',
  handleTime: '--handle-time',
  strategy: '--strategy',
  ringDelay: '--ring-delay',
  wrapUp: '--wrap-up',
  patience: '--patience',
  rnaProbability: '--rna-probability',
} as const satisfies Partial<Record<keyof SimulateFlags, string>>;

export function register(program: Command): void {
  const command = program.command('simulate');
  withExamples(command, [
    'lineup simulate --agents 8 --calls-per-hour 100 --aht 180 --calls 50000 --json',
    'lineup simulate --agents 8 --calls-per-hour 100 --aht 180 --ring-delay 3 --wrap-up 15 --patience 120 --strategy ring-all',
    'lineup simulate --scenario centre.json --seed 2',
  ]);
  command
    .description('Simulate calls through the real queue engine (Poisson arrivals, virtual clock) and report SL, ASA, P(wait), occupancy')
    .option('--scenario <file>', 'JSON scenario: queues, agents, tiers, arrival streams (docs/simulator.md)')
    .option('--agents <n>', 'one queue: number of identical agents')
    .option('--calls-per-hour <x>', 'one queue: Poisson arrival rate')
    .option('--aht <seconds>', 'one queue: mean handle (talk) time')
    .option('--handle-time <kind>', `one queue: handle time distribution (${HANDLE_TIME_KINDS.join(', ')})`, 'exponential')
    .option('--strategy <name>', 'one queue: ring strategy', 'longest-idle-agent')
    .option('--ring-delay <seconds>', 'one queue: time agents take to answer', '0')
    .option('--wrap-up <seconds>', 'one queue: wrap-up after each call', '0')
    .option('--patience <seconds>', 'one queue: mean caller patience (exponential); callers abandon when it runs out (default: never)')
    .option('--rna-probability <p>', 'one queue: probability that a rung agent does not answer (ring no answer)', '0')
    .option('--calls <count>', `calls to simulate (default ${SCENARIO_DEFAULTS.calls}, or the scenario's)`)
    .option('--seed <s>', `random seed (default ${SCENARIO_DEFAULTS.seed}, or the scenario's)`)
    .option('--sl-threshold <seconds>', `service-level threshold (default ${SCENARIO_DEFAULTS.slThresholdSeconds}, or the scenario's)`)
    .option('--json', 'print one JSON object')
    .action((flags: SimulateFlags, command: Command) => {
      const scenario = scenarioFromFlags(flags, command);
      const result = simulate(scenario);
      if (!result.ok) throw usageError(scenarioProblem(flags.scenario, result.message));
      const output = flags.json === true ? JSON.stringify(reportJson(scenario, result.report)) : formatReport(scenario, result.report);
      process.stdout.write(`${output}\n`);
    });
}

function scenarioFromFlags(flags: SimulateFlags, command: Command): Scenario {
  try {
    const base = flags.scenario === undefined ? singleQueueFromFlags(flags) : scenarioFromFile(flags.scenario, flags, command);
    return {
      ...base,
      calls: flags.calls === undefined ? base.calls : requireNumericText('--calls', flags.calls, CALLS_RANGE),
      seed: flags.seed === undefined ? base.seed : requireNumericText('--seed', flags.seed, SEED_RANGE),
      slThresholdSeconds:
        flags.slThreshold === undefined ? base.slThresholdSeconds : requireNumericText('--sl-threshold', flags.slThreshold, SECONDS_RANGE),
    };
  } catch (error) {
    if (error instanceof FieldError) throw usageError(error.message);
    throw error;
  }
}

function singleQueueFromFlags(flags: SimulateFlags): Scenario {
  const required = (flag: string, value: string | undefined): string => {
    if (value === undefined) throw new FieldError(flag, 'missing; it is required unless --scenario FILE is given');
    return value;
  };
  return singleQueueScenario({
    agents: requireNumericText('--agents', required('--agents', flags.agents), { integer: true, min: 1, max: 1_000_000 }),
    callsPerHour: requireNumericText('--calls-per-hour', required('--calls-per-hour', flags.callsPerHour), RATE_RANGE),
    ahtSeconds: requireNumericText('--aht', required('--aht', flags.aht), RATE_RANGE),
    handleTime: requireOneOf('--handle-time', flags.handleTime, HANDLE_TIME_KINDS, 'a handle time distribution'),
    strategy: requireOneOf('--strategy', flags.strategy, STRATEGIES, 'a strategy'),
    ringDelaySeconds: requireNumericText('--ring-delay', flags.ringDelay ?? '0', SECONDS_RANGE),
    wrapUpSeconds: requireNumericText('--wrap-up', flags.wrapUp ?? '0', SECONDS_RANGE),
    patienceSeconds: flags.patience === undefined ? null : requireNumericText('--patience', flags.patience, RATE_RANGE),
    noAnswerProbability: requireNumericText('--rna-probability', flags.rnaProbability ?? '0', PROBABILITY_RANGE),
    calls: SCENARIO_DEFAULTS.calls,
    seed: SCENARIO_DEFAULTS.seed,
    slThresholdSeconds: SCENARIO_DEFAULTS.slThresholdSeconds,
  });
}

function scenarioFromFile(file: string, flags: SimulateFlags, command: Command): Scenario {
  for (const [key, flag] of Object.entries(QUEUE_FLAGS)) {
    // Defaults do not count: only flags the user typed conflict with the file.
    if (command.getOptionValueSource(key) === 'cli' && flags[key as keyof SimulateFlags] !== undefined) {
      throw usageError(`${flag} cannot be combined with --scenario; set it in the scenario file instead`);
    }
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError(`--scenario: cannot read ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw usageError(scenarioProblem(file, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`));
  }
  const parsed = parseScenario(document);
  if (!parsed.ok) throw usageError(scenarioProblem(file, parsed.message));
  return parsed.scenario;
}

function scenarioProblem(file: string | undefined, message: string): string {
  return file === undefined ? message : `scenario file ${JSON.stringify(file)}: ${message}`;
}

function metricsJson(metrics: CallMetrics): Record<string, number | null> {
  return {
    offered: metrics.offered,
    answered: metrics.answered,
    abandoned: metrics.abandoned,
    timed_out: metrics.timedOut,
    exited: metrics.exited,
    refused: metrics.refused,
    service_level: metrics.serviceLevel,
    service_level_ci95: metrics.confidence.serviceLevel,
    asa_seconds: metrics.asaSeconds,
    asa_seconds_ci95: metrics.confidence.asaSeconds,
    p_wait: metrics.pWait,
    p_wait_ci95: metrics.confidence.pWait,
    abandon_rate: metrics.abandonRate,
    max_wait_seconds: metrics.maxWaitSeconds,
  };
}

function reportJson(scenario: Scenario, report: SimulationReport): Record<string, unknown> {
  return {
    ...metricsJson(report),
    occupancy: report.occupancy,
    unfinished: report.unfinished,
    sl_threshold_seconds: scenario.slThresholdSeconds,
    calls: scenario.calls,
    seed: scenario.seed,
    agents: report.agents,
    simulated_seconds: report.simulatedSeconds,
    engine_inputs: report.engineInputs,
    queues: report.queues.map((queue) => ({ name: queue.name, ...metricsJson(queue) })),
  };
}

function formatReport(scenario: Scenario, report: SimulationReport): string {
  const percent = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)} %`);
  const seconds = (value: number | null): string => (value === null ? '-' : `${value.toFixed(1)} s`);
  const row = (name: string, m: CallMetrics): string[] => [
    name,
    String(m.offered),
    String(m.answered),
    String(m.abandoned),
    String(m.timedOut + m.exited + m.refused),
    percent(m.serviceLevel),
    seconds(m.asaSeconds),
    m.pWait === null ? '-' : m.pWait.toFixed(3),
    seconds(m.maxWaitSeconds),
  ];
  const queueRows = report.queues.length > 1 ? report.queues.map((queue) => row(queue.name, queue)) : [];
  const lines = [
    `Simulated ${scenario.calls} calls over ${(report.simulatedSeconds / 3600).toFixed(1)} h: ` +
      `${report.agents} agents, ${scenario.queues.length} queue(s), seed ${scenario.seed}`,
    '',
    formatTableText(
      ['queue', 'offered', 'answered', 'abandoned', 'other', `SL(${scenario.slThresholdSeconds} s)`, 'ASA', 'P(wait)', 'max wait'],
      [...queueRows, row('all', report)],
    ),
  ];
  const plusMinus = (value: number | null, scale: number, decimals: number): string => (value === null ? '' : ` ± ${(value * scale).toFixed(decimals)}`);
  const { confidence } = report;
  lines.push(
    '',
    confidence.serviceLevel === null
      ? '95 % confidence: too few answered calls to say'
      : `95 % confidence: SL${plusMinus(confidence.serviceLevel, 100, 1)} pp, ASA${plusMinus(confidence.asaSeconds, 1, 1)} s, ` +
          `P(wait)${plusMinus(confidence.pWait, 1, 3)}`,
    `occupancy ${percent(report.occupancy)}`,
  );
  if (report.unfinished > 0) lines.push(`unfinished: ${report.unfinished} callers were still waiting with nothing left to serve them`);
  return lines.join('\n');
}
