// A simulation scenario: queues, agents, tiers and the traffic offered to each queue. Read from a
// JSON file (see docs/simulator.md) and checked field by field, so that a mistake is reported with
// its path, e.g. `scenario.queues[1].strategy: "foo" is not a strategy; allowed: ring-all, ...`.
import {
  AGENT_TYPES,
  ASSIGNMENT_MODES,
  JOIN_POLICIES,
  LEAVE_POLICIES,
  STRATEGIES,
  defaultAgentConfig,
  defaultQueueConfig,
  validateAgentConfig,
  validateQueueConfig,
  validateTierConfig,
  type AgentConfig,
  type EngineError,
  type ExitKey,
  type QueueConfig,
  type TierConfig,
} from '../engine/index.js';
import { DISTRIBUTION_KINDS, type Distribution } from './distributions.js';
import {
  FieldError,
  rejectUnknownKeys,
  requireArray,
  requireBoolean,
  requireNumber,
  requireObject,
  requireOneOf,
  requireString,
  type NumberRange,
} from './fields.js';

/** Calls offered to one queue: Poisson arrivals, each with its handle time and patience. */
export interface ArrivalStream {
  readonly queue: string;
  readonly callsPerHour: number;
  readonly handleTime: Distribution;
  /** How long a caller waits before hanging up; null: callers never give up. */
  readonly patience: Distribution | null;
}

export interface Scenario {
  readonly queues: readonly QueueConfig[];
  readonly agents: readonly AgentConfig[];
  readonly tiers: readonly TierConfig[];
  readonly arrivals: readonly ArrivalStream[];
  /** Time from an offer to the agent's answer. */
  readonly ringDelay: Distribution;
  /** Probability that a rung agent does not answer (the ring then times out). */
  readonly noAnswerProbability: number;
  /** Calls to simulate, over all streams. */
  readonly calls: number;
  readonly seed: number;
  /** Service-level threshold, seconds. */
  readonly slThresholdSeconds: number;
}

export const SCENARIO_DEFAULTS = { calls: 10_000, seed: 1, slThresholdSeconds: 20 } as const;

export const CALLS_RANGE: NumberRange = { integer: true, min: 1, max: 100_000_000 };
export const SEED_RANGE: NumberRange = { integer: true, min: 0, max: 0xffffffff };
export const SECONDS_RANGE: NumberRange = { min: 0 };
export const PROBABILITY_RANGE: NumberRange = { min: 0, max: 1 };
export const RATE_RANGE: NumberRange = { min: 0, minExclusive: true };

export type ScenarioResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly message: string };

/** Checks a parsed JSON document; the message of a failure starts with the field's path. */
export function parseScenario(document: unknown, root = 'scenario'): ScenarioResult {
  try {
    return { ok: true, scenario: readScenario(root, document) };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, message: error.message };
    throw error;
  }
}

const SCENARIO_KEYS = ['queues', 'agents', 'tiers', 'arrivals', 'ringDelay', 'noAnswerProbability', 'calls', 'seed', 'slThresholdSeconds'];

function readScenario(root: string, document: unknown): Scenario {
  const record = requireObject(root, document);
  rejectUnknownKeys(root, record, SCENARIO_KEYS);
  const queues = requireArray(`${root}.queues`, record['queues']).map((queue, i) => readQueue(`${root}.queues[${i}]`, queue));
  const agents = requireArray(`${root}.agents`, record['agents']).map((agent, i) => readAgent(`${root}.agents[${i}]`, agent));
  if (queues.length === 0) throw new FieldError(`${root}.queues`, 'is empty; a scenario needs at least one queue');
  rejectDuplicates(`${root}.queues`, queues.map((queue) => queue.name), 'name');
  rejectDuplicates(`${root}.agents`, agents.map((agent) => agent.id), 'id');
  const queueNames = queues.map((queue) => queue.name);
  const agentIds = agents.map((agent) => agent.id);
  const tiers = requireArray(`${root}.tiers`, record['tiers'] ?? []).map((tier, i) =>
    readTier(`${root}.tiers[${i}]`, tier, queueNames, agentIds),
  );
  rejectDuplicates(`${root}.tiers`, tiers.map((tier) => `${tier.queue}/${tier.agentId}`), 'queue/agentId');
  const arrivals = requireArray(`${root}.arrivals`, record['arrivals']).map((stream, i) =>
    readArrivals(`${root}.arrivals[${i}]`, stream, queueNames),
  );
  if (arrivals.length === 0) throw new FieldError(`${root}.arrivals`, 'is empty; a scenario needs at least one arrival stream');
  return {
    queues,
    agents,
    tiers,
    arrivals,
    ringDelay: optional(record, 'ringDelay', (value) => readDistribution(`${root}.ringDelay`, value), { kind: 'fixed', seconds: 0 }),
    noAnswerProbability: optional(record, 'noAnswerProbability', (value) => requireNumber(`${root}.noAnswerProbability`, value, PROBABILITY_RANGE), 0),
    calls: optional(record, 'calls', (value) => requireNumber(`${root}.calls`, value, CALLS_RANGE), SCENARIO_DEFAULTS.calls),
    seed: optional(record, 'seed', (value) => requireNumber(`${root}.seed`, value, SEED_RANGE), SCENARIO_DEFAULTS.seed),
    slThresholdSeconds: optional(
      record,
      'slThresholdSeconds',
      (value) => requireNumber(`${root}.slThresholdSeconds`, value, SECONDS_RANGE),
      SCENARIO_DEFAULTS.slThresholdSeconds,
    ),
  };
}

function optional<T>(record: Readonly<Record<string, unknown>>, key: string, read: (value: unknown) => T, fallback: T): T {
  const value = record[key];
  return value === undefined ? fallback : read(value);
}

function rejectDuplicates(field: string, keys: readonly string[], keyName: string): void {
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    if (seen.has(key)) throw new FieldError(`${field}[${i}].${keyName}`, `${JSON.stringify(key)} appears twice`);
    seen.add(key);
  });
}

/** Queue fields whose value is one of a list, with the noun used in messages. */
const QUEUE_CHOICES: Readonly<Record<string, { readonly allowed: readonly string[]; readonly noun: string }>> = {
  strategy: { allowed: STRATEGIES, noun: 'a strategy' },
  assignment: { allowed: ASSIGNMENT_MODES, noun: 'an assignment mode' },
  joinPolicy: { allowed: JOIN_POLICIES, noun: 'a join policy' },
  leavePolicy: { allowed: LEAVE_POLICIES, noun: 'a leave policy' },
  agentNoAnswerStatus: { allowed: ['On Break', 'Logged Out'], noun: 'an agent no-answer status' },
  timeBaseScore: { allowed: ['queue', 'system'], noun: 'a time base score' },
};

/** Integer fields that may be negative. */
const SIGNED_QUEUE_FIELDS: ReadonlySet<string> = new Set(['priority']);

/**
 * A queue: `name` and any QueueConfig fields; the others take defaultQueueConfig's values. The type
 * of each field is the type of its default (null defaults are optional strings).
 */
function readQueue(field: string, value: unknown): QueueConfig {
  const record = requireObject(field, value);
  const name = requireString(`${field}.name`, record['name']);
  const defaults = defaultQueueConfig(name);
  rejectUnknownKeys(field, record, Object.keys(defaults));
  const queue: Record<string, unknown> = { ...defaults };
  for (const [key, raw] of Object.entries(record)) {
    const path = `${field}.${key}`;
    const fallback = (defaults as unknown as Record<string, unknown>)[key];
    const choice = QUEUE_CHOICES[key];
    if (choice !== undefined) queue[key] = requireOneOf(path, raw, choice.allowed, choice.noun);
    else if (key === 'exitKeys') queue[key] = requireArray(path, raw).map((exitKey, i) => readExitKey(`${path}[${i}]`, exitKey));
    else if (typeof fallback === 'number') queue[key] = requireNumber(path, raw, SIGNED_QUEUE_FIELDS.has(key) ? { integer: true } : SECONDS_RANGE);
    else if (typeof fallback === 'boolean') queue[key] = requireBoolean(path, raw);
    else if (fallback === null) queue[key] = raw === null ? null : requireString(path, raw);
    else queue[key] = requireString(path, raw);
  }
  return validated(field, queue as unknown as QueueConfig, validateQueueConfig);
}

/** The engine's own validators have the last word (ranges, integers, cross-field rules). */
function validated<T>(field: string, config: T, validate: (config: T) => EngineError | null): T {
  const invalid = validate(config);
  if (invalid !== null) throw new FieldError(field, invalid.message);
  return config;
}

function readExitKey(field: string, value: unknown): ExitKey {
  const record = requireObject(field, value);
  rejectUnknownKeys(field, record, ['key', 'destination']);
  const key = requireString(`${field}.key`, record['key']);
  if (!/^[0-9*#]$/.test(key)) throw new FieldError(`${field}.key`, `${JSON.stringify(key)} is not one DTMF digit (0-9, *, #)`);
  return { key, destination: requireString(`${field}.destination`, record['destination']) };
}

/** A simulated agent's defaults: static (always logged in), dialed as user/<id>. */
export function scenarioAgent(id: string): AgentConfig {
  return { ...defaultAgentConfig(id, `user/${id}`), type: 'static' };
}

/** An agent: `id` and any AgentConfig fields; the others take scenarioAgent's values. */
function readAgent(field: string, value: unknown): AgentConfig {
  const record = requireObject(field, value);
  const id = requireString(`${field}.id`, record['id']);
  const defaults = scenarioAgent(id);
  rejectUnknownKeys(field, record, Object.keys(defaults));
  const read = (key: keyof AgentConfig): unknown => (key in record ? record[key] : defaults[key]);
  const count = (key: keyof AgentConfig): number => requireNumber(`${field}.${key}`, read(key), { integer: true, min: 0 });
  const seconds = (key: keyof AgentConfig): number => requireNumber(`${field}.${key}`, read(key), SECONDS_RANGE);
  const wrapUp = read('wrapUpSeconds');
  const agent: AgentConfig = {
    id,
    name: requireString(`${field}.name`, read('name')),
    contact: requireString(`${field}.contact`, read('contact')),
    type: requireOneOf(`${field}.type`, read('type'), AGENT_TYPES, 'an agent type'),
    maxNoAnswer: count('maxNoAnswer'),
    wrapUpSeconds: wrapUp === null ? null : seconds('wrapUpSeconds'),
    rejectDelaySeconds: seconds('rejectDelaySeconds'),
    busyDelaySeconds: seconds('busyDelaySeconds'),
    noAnswerDelaySeconds: seconds('noAnswerDelaySeconds'),
    notRegisteredDelaySeconds: seconds('notRegisteredDelaySeconds'),
  };
  return validated(field, agent, validateAgentConfig);
}

function readTier(field: string, value: unknown, queues: readonly string[], agents: readonly string[]): TierConfig {
  const record = requireObject(field, value);
  rejectUnknownKeys(field, record, ['queue', 'agentId', 'level', 'position']);
  const level = { integer: true, min: 0 };
  const tier: TierConfig = {
    queue: requireOneOf(`${field}.queue`, record['queue'], queues, 'a queue of this scenario'),
    agentId: requireOneOf(`${field}.agentId`, record['agentId'], agents, 'an agent of this scenario'),
    level: requireNumber(`${field}.level`, record['level'] ?? 1, level),
    position: requireNumber(`${field}.position`, record['position'] ?? 1, level),
  };
  return validated(field, tier, validateTierConfig);
}

function readArrivals(field: string, value: unknown, queues: readonly string[]): ArrivalStream {
  const record = requireObject(field, value);
  rejectUnknownKeys(field, record, ['queue', 'callsPerHour', 'handleTime', 'patience']);
  const patience = record['patience'] ?? null;
  return {
    queue: requireOneOf(`${field}.queue`, record['queue'], queues, 'a queue of this scenario'),
    callsPerHour: requireNumber(`${field}.callsPerHour`, record['callsPerHour'], RATE_RANGE),
    handleTime: readDistribution(`${field}.handleTime`, record['handleTime']),
    patience: patience === null ? null : readDistribution(`${field}.patience`, patience),
  };
}

/** `{"kind": "fixed", "seconds": s}`, `{"kind": "exponential", "meanSeconds": m}` or `{"kind": "uniform", "minSeconds": a, "maxSeconds": b}`. */
function readDistribution(field: string, value: unknown): Distribution {
  const record = requireObject(field, value);
  const kind = requireOneOf(`${field}.kind`, record['kind'], DISTRIBUTION_KINDS, 'a distribution');
  switch (kind) {
    case 'fixed':
      rejectUnknownKeys(field, record, ['kind', 'seconds']);
      return { kind, seconds: requireNumber(`${field}.seconds`, record['seconds'], SECONDS_RANGE) };
    case 'exponential':
      rejectUnknownKeys(field, record, ['kind', 'meanSeconds']);
      return { kind, meanSeconds: requireNumber(`${field}.meanSeconds`, record['meanSeconds'], RATE_RANGE) };
    case 'uniform': {
      rejectUnknownKeys(field, record, ['kind', 'minSeconds', 'maxSeconds']);
      const minSeconds = requireNumber(`${field}.minSeconds`, record['minSeconds'], SECONDS_RANGE);
      const maxSeconds = requireNumber(`${field}.maxSeconds`, record['maxSeconds'], { min: minSeconds });
      return { kind, minSeconds, maxSeconds };
    }
  }
}
