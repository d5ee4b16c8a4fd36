// Configuration validators, shared by the engine, the CLI, the store and imports. Each names
// the field, the bad value and what is allowed.
import {
  AGENT_STATUSES,
  AGENT_TYPES,
  ASSIGNMENT_MODES,
  JOIN_POLICIES,
  LEAVE_POLICIES,
  STRATEGIES,
  type AgentConfig,
  type QueueConfig,
  type TierConfig,
} from './model.js';
import type { EngineError } from './outcome.js';

type Check = (value: unknown) => string | null;

const text: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'a non-empty string');
const textOrNull: Check = (v) => (v === null ? null : text(v) === null ? null : 'null or a non-empty string');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const number: Check = (v) => (finite(v) ? null : 'a finite number');
const seconds: Check = (v) => (finite(v) && v >= 0 ? null : 'a number of seconds >= 0');
const positiveSeconds: Check = (v) => (finite(v) && v > 0 ? null : 'a number of seconds > 0');
const secondsOrNull: Check = (v) => (v === null || seconds(v) === null ? null : 'null or a number of seconds >= 0');
const count: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'an integer >= 0');
const positiveCount: Check = (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : 'an integer >= 1');
const oneOf =
  (allowed: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? null : `one of: ${allowed.join(', ')}`;

const EXIT_KEY = /^[0-9*#]$/;
const exitKeys: Check = (v) => {
  if (!Array.isArray(v)) return 'a list of { key, destination }';
  const seen = new Set<string>();
  for (const entry of v as unknown[]) {
    const e = entry as { key?: unknown; destination?: unknown } | null;
    if (typeof e !== 'object' || e === null) return 'a list of { key, destination }';
    if (typeof e.key !== 'string' || !EXIT_KEY.test(e.key)) return 'keys that are one DTMF digit: 0-9, *, #';
    if (seen.has(e.key)) return `each key once (${e.key} is repeated)`;
    seen.add(e.key);
    if (text(e.destination) !== null) return 'a non-empty destination for every key';
  }
  return null;
};

const QUEUE_CHECKS: { readonly [K in keyof QueueConfig]-?: Check } = {
  name: text,
  extension: textOrNull,
  strategy: oneOf(STRATEGIES),
  priority: number,
  assignment: oneOf(ASSIGNMENT_MODES),
  maxCallers: count,
  maxWaitSeconds: seconds,
  maxWaitWithNoAgentSeconds: seconds,
  maxWaitWithNoAgentTimeReachedSeconds: seconds,
  joinPolicy: oneOf(JOIN_POLICIES),
  leavePolicy: oneOf(LEAVE_POLICIES),
  maxRingSeconds: positiveSeconds,
  tierRulesApply: bool,
  tierRuleWaitSeconds: seconds,
  tierRuleWaitMultiplyLevel: bool,
  tierRuleNoAgentNoWait: bool,
  discardAbandonedAfterSeconds: seconds,
  abandonedResumeAllowed: bool,
  ringProgressivelyDelaySeconds: seconds,
  ringN: positiveCount,
  callWindowSeconds: positiveSeconds,
  skipAgentsWithExternalCalls: bool,
  wrapUpSeconds: seconds,
  agentNoAnswerStatus: oneOf(['On Break', 'Logged Out']),
  timeBaseScore: oneOf(['queue', 'system']),
  exitKeys,
  timeoutDestination: textOrNull,
  emptyDestination: textOrNull,
  mohSound: text,
  announceOnEntry: bool,
  announceFrequencySeconds: seconds,
  announcePosition: bool,
  announceHoldTime: bool,
  periodicSound: textOrNull,
  periodicFrequencySeconds: seconds,
  recordTemplate: textOrNull,
  defaultHandleSeconds: positiveSeconds,
};

const AGENT_CHECKS: { readonly [K in keyof AgentConfig]-?: Check } = {
  id: text,
  name: text,
  contact: text,
  type: oneOf(AGENT_TYPES),
  maxNoAnswer: count,
  wrapUpSeconds: secondsOrNull,
  rejectDelaySeconds: seconds,
  busyDelaySeconds: seconds,
  noAnswerDelaySeconds: seconds,
  notRegisteredDelaySeconds: seconds,
};

const TIER_CHECKS: { readonly [K in keyof TierConfig]-?: Check } = {
  queue: text,
  agentId: text,
  level: count,
  position: count,
};

type Fields = readonly (readonly [string, Check])[];

/** Checks every field; `what` names the record in the message and is only built on an error. */
function validate(what: () => string, record: unknown, fields: Fields): EngineError | null {
  if (typeof record !== 'object' || record === null) {
    return { code: 'invalid-config', message: `${what()}: expected an object, got ${JSON.stringify(record)}` };
  }
  const values = record as Record<string, unknown>;
  for (const [field, check] of fields) {
    const value = values[field];
    const allowed = check(value);
    if (allowed !== null) {
      const shown = value === undefined ? 'missing' : typeof value === 'number' ? String(value) : JSON.stringify(value);
      return { code: 'invalid-config', message: `${what()}: field ${field} is ${shown}; it must be ${allowed}` };
    }
  }
  return null;
}

const QUEUE_FIELDS: Fields = Object.entries(QUEUE_CHECKS);
const AGENT_FIELDS: Fields = Object.entries(AGENT_CHECKS);
const TIER_FIELDS: Fields = Object.entries(TIER_CHECKS);

function label(kind: string, record: unknown, key: string): () => string {
  return () => {
    const value = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? `${kind} ${value}` : kind;
  };
}

export function validateQueueConfig(queue: QueueConfig): EngineError | null {
  return validate(label('queue', queue, 'name'), queue, QUEUE_FIELDS);
}

export function validateAgentConfig(agent: AgentConfig): EngineError | null {
  return validate(label('agent', agent, 'id'), agent, AGENT_FIELDS);
}

export function validateTierConfig(tier: TierConfig): EngineError | null {
  const t = tier as Partial<TierConfig>;
  return validate(() => `tier ${String(t.queue)}/${String(t.agentId)}`, tier, TIER_FIELDS);
}

const CALLER_CHECKS: Readonly<Record<string, Check>> = {
  callId: text,
  callerIdNumber: (v) => (typeof v === 'string' ? null : 'a string'),
  callerIdName: (v) => (typeof v === 'string' ? null : 'a string'),
  priority: (v) => (v === undefined ? null : number(v)),
  baseScoreSeconds: (v) => (v === undefined ? null : number(v)),
  secondsInSystem: (v) => (v === undefined ? null : seconds(v)),
};

/** The caller fields of caller-entered. */
const CALLER_FIELDS: Fields = Object.entries(CALLER_CHECKS);

export function validateCaller(caller: object): EngineError | null {
  return validate(label('caller', caller, 'callId'), caller, CALLER_FIELDS);
}

export function validateStatus(status: unknown): EngineError | null {
  const allowed = oneOf(AGENT_STATUSES)(status);
  return allowed === null
    ? null
    : { code: 'invalid-config', message: `agent status ${JSON.stringify(status)} is invalid; it must be ${allowed}` };
}
