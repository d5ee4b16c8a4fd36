// Every settable field of QueueConfig, AgentConfig and TierConfig, declared once: its flag
// (mod_callcenter's name where it has one), its mod_callcenter XML name, its parser and its help.
// `queue|agent|tier add|set`, the HTTP API and the mod_callcenter import all read these tables;
// the engine's validators have the final word on cross-field rules.
import {
  AGENT_TYPES,
  ASSIGNMENT_MODES,
  JOIN_POLICIES,
  LEAVE_POLICIES,
  STRATEGIES,
  type AgentConfig,
  type QueueConfig,
  type TierConfig,
} from '../engine/index.js';
import {
  boolean,
  exitKeys,
  extension,
  integer,
  integerOrDefault,
  oneOf,
  optionalText,
  text,
  type FieldParser,
} from './field-parsers.js';

export interface FieldSpec<T> {
  /** Kebab-case flag name, without the dashes. */
  readonly flag: string;
  /** The mod_callcenter param / attribute name, when mod_callcenter has this setting. */
  readonly xml?: string;
  readonly help: string;
  readonly parse: FieldParser<T>;
}

/** One spec per field of C: a field missing here is a compile error. */
export type FieldTable<C> = { readonly [K in keyof C]-?: FieldSpec<C[K]> };

export type QueueFields = Omit<QueueConfig, 'name'>;
export type AgentFields = Omit<AgentConfig, 'id'>;
export type TierFields = Omit<TierConfig, 'queue' | 'agentId'>;

const seconds = integer(0);

export const QUEUE_FIELDS: FieldTable<QueueFields> = {
  extension: { flag: 'extension', help: 'dialed number that reaches the queue (empty: none)', parse: extension },
  strategy: { flag: 'strategy', xml: 'strategy', help: `how agents are chosen: ${STRATEGIES.join(', ')}`, parse: oneOf(STRATEGIES) },
  priority: { flag: 'priority', help: 'higher first when an agent serves several queues', parse: integer(-2_147_483_648) },
  assignment: { flag: 'assignment', help: 'automatic, or manual (agents ask for the next caller)', parse: oneOf(ASSIGNMENT_MODES) },
  maxCallers: { flag: 'max-callers', help: 'callers allowed to wait, 0 = unlimited', parse: seconds },
  maxWaitSeconds: { flag: 'max-wait-time', xml: 'max-wait-time', help: 'seconds before a caller times out, 0 = never', parse: seconds },
  maxWaitWithNoAgentSeconds: {
    flag: 'max-wait-time-with-no-agent',
    xml: 'max-wait-time-with-no-agent',
    help: 'seconds with no logged-in agent before callers leave, 0 = off',
    parse: seconds,
  },
  maxWaitWithNoAgentTimeReachedSeconds: {
    flag: 'max-wait-time-with-no-agent-time-reached',
    xml: 'max-wait-time-with-no-agent-time-reached',
    help: 'grace seconds added for callers who join an empty queue',
    parse: seconds,
  },
  joinPolicy: { flag: 'join-policy', help: `when callers may join: ${JOIN_POLICIES.join(', ')}`, parse: oneOf(JOIN_POLICIES) },
  leavePolicy: { flag: 'leave-policy', help: `when waiting callers are sent out: ${LEAVE_POLICIES.join(', ')}`, parse: oneOf(LEAVE_POLICIES) },
  maxRingSeconds: { flag: 'max-ring-time', help: 'seconds an agent rings per offer', parse: integer(1) },
  tierRulesApply: { flag: 'tier-rules-apply', xml: 'tier-rules-apply', help: 'open tier levels over time (true/false)', parse: boolean },
  tierRuleWaitSeconds: { flag: 'tier-rule-wait-second', xml: 'tier-rule-wait-second', help: 'seconds before the next tier level opens', parse: seconds },
  tierRuleWaitMultiplyLevel: {
    flag: 'tier-rule-wait-multiply-level',
    xml: 'tier-rule-wait-multiply-level',
    help: 'level L opens after L x tier-rule-wait-second (true/false)',
    parse: boolean,
  },
  tierRuleNoAgentNoWait: {
    flag: 'tier-rule-no-agent-no-wait',
    xml: 'tier-rule-no-agent-no-wait',
    help: 'skip an empty tier level without waiting (true/false)',
    parse: boolean,
  },
  discardAbandonedAfterSeconds: {
    flag: 'discard-abandoned-after',
    xml: 'discard-abandoned-after',
    help: 'seconds an abandoned caller is remembered',
    parse: seconds,
  },
  abandonedResumeAllowed: {
    flag: 'abandoned-resume-allowed',
    xml: 'abandoned-resume-allowed',
    help: 'a caller calling back within that time keeps the place (true/false)',
    parse: boolean,
  },
  ringProgressivelyDelaySeconds: {
    flag: 'ring-progressively-delay',
    xml: 'ring-progressively-delay',
    help: 'ring-progressively: seconds between added agents (0 means 10)',
    parse: seconds,
  },
  ringN: { flag: 'ring-n', help: 'ring-n-random / ring-n-ordered: agents rung at once', parse: integer(1) },
  callWindowSeconds: { flag: 'call-window', help: 'fewest-calls-in-window: the window in seconds', parse: integer(1) },
  skipAgentsWithExternalCalls: {
    flag: 'skip-agents-with-external-calls',
    xml: 'skip-agents-with-external-calls',
    help: 'do not offer agents on a call of their own, as the dialplan marks them (true/false; see deploy-freeswitch.md)',
    parse: boolean,
  },
  wrapUpSeconds: { flag: 'wrap-up-time', help: 'wrap-up seconds after a call, for agents without their own', parse: seconds },
  agentNoAnswerStatus: {
    flag: 'agent-no-answer-status',
    xml: 'agent-no-answer-status',
    help: 'status of an agent reaching max-no-answer: On Break or Logged Out',
    parse: oneOf(['On Break', 'Logged Out'] as const),
  },
  timeBaseScore: { flag: 'time-base-score', xml: 'time-base-score', help: 'queue, or system (count time before joining)', parse: oneOf(['queue', 'system'] as const) },
  exitKeys: { flag: 'exit-keys', help: 'keys a waiting caller may press, e.g. 1=voicemail,0=operator', parse: exitKeys },
  timeoutDestination: { flag: 'timeout-destination', help: 'EXTENSION [XML] [CONTEXT] callers are sent to on max-wait-time (empty: the dialplan goes on after the socket, its fallback)', parse: optionalText },
  emptyDestination: { flag: 'empty-destination', help: 'EXTENSION [XML] [CONTEXT] callers are sent to when the queue has no agents (empty: the dialplan goes on after the socket, its fallback)', parse: optionalText },
  mohSound: { flag: 'moh-sound', xml: 'moh-sound', help: 'music on hold, e.g. local_stream://moh', parse: text },
  announceOnEntry: { flag: 'announce-on-entry', help: 'announce position / wait on entry (true/false)', parse: boolean },
  announceFrequencySeconds: { flag: 'announce-frequency', help: 'repeat position / wait every N seconds, 0 = off', parse: seconds },
  announcePosition: { flag: 'announce-position', help: 'announcements say the position (true/false)', parse: boolean },
  announceHoldTime: { flag: 'announce-hold-time', help: 'announcements say the estimated wait (true/false)', parse: boolean },
  periodicSound: { flag: 'periodic-sound', xml: 'announce-sound', help: 'sound played every periodic-frequency seconds (empty: none)', parse: optionalText },
  periodicFrequencySeconds: { flag: 'periodic-frequency', xml: 'announce-frequency', help: 'seconds between periodic sounds, 0 = off', parse: seconds },
  recordTemplate: { flag: 'record-template', xml: 'record-template', help: 'record answered calls to this file (FreeSWITCH expands ${vars}, $${globals}; empty: no recording)', parse: optionalText },
  defaultHandleSeconds: { flag: 'default-handle-time', help: 'handle time assumed before any call was answered, seconds', parse: integer(1) },
};

export const AGENT_FIELDS: FieldTable<AgentFields> = {
  name: { flag: 'name', help: 'display name (default: the id)', parse: text },
  contact: {
    flag: 'contact',
    xml: 'contact',
    help: 'one FreeSWITCH endpoint, e.g. user/1000 (registered phone) or sofia/internal/1000@192.0.2.10:5060, optionally after [var=value] blocks',
    parse: text,
  },
  type: { flag: 'type', help: 'static (always logged in) or dynamic (the default: offered calls only once logged in)', parse: oneOf(AGENT_TYPES) },
  maxNoAnswer: { flag: 'max-no-answer', xml: 'max-no-answer', help: 'consecutive no-answers before the no-answer status, 0 = off', parse: seconds },
  wrapUpSeconds: { flag: 'wrap-up-time', xml: 'wrap-up-time', help: 'wrap-up seconds after a call ("default": the queue\'s)', parse: integerOrDefault() },
  rejectDelaySeconds: { flag: 'reject-delay-time', xml: 'reject-delay-time', help: 'seconds not offered after rejecting a call', parse: seconds },
  busyDelaySeconds: { flag: 'busy-delay-time', xml: 'busy-delay-time', help: 'seconds not offered after a busy', parse: seconds },
  noAnswerDelaySeconds: { flag: 'no-answer-delay-time', xml: 'no-answer-delay-time', help: 'seconds not offered after a no-answer', parse: seconds },
  notRegisteredDelaySeconds: {
    flag: 'not-registered-delay-time',
    help: 'seconds not offered when the phone is not registered',
    parse: seconds,
  },
};

export const TIER_FIELDS: FieldTable<TierFields> = {
  level: { flag: 'level', xml: 'level', help: 'lower levels are tried first', parse: integer(0) },
  position: { flag: 'position', xml: 'position', help: 'lower positions are tried first within a level', parse: integer(0) },
};

/** Field keys of a table, in declaration order. */
export function fieldKeys<C>(table: FieldTable<C>): (keyof C & string)[] {
  return Object.keys(table) as (keyof C & string)[];
}

/** A value that a field refused: names the field as the caller's surface names it. */
export interface FieldError {
  readonly key: string;
  readonly flag: string;
  /** The mod_callcenter name, when there is one. */
  readonly xml: string | undefined;
  readonly value: unknown;
  readonly allowed: string;
}

/**
 * Parses the given raw values (keyed by field key) into a partial config. Absent keys
 * (undefined) are skipped; the first refused value is returned as a FieldError.
 */
export function parseFields<C>(
  table: FieldTable<C>,
  raw: Readonly<Record<string, unknown>>,
): { readonly ok: true; readonly values: Partial<C> } | { readonly ok: false; readonly error: FieldError } {
  const values: Partial<C> = {};
  for (const key of fieldKeys(table)) {
    const input = raw[key];
    if (input === undefined) continue;
    const spec: FieldSpec<C[typeof key]> = table[key];
    const parsed = spec.parse(input);
    if (!parsed.ok) return { ok: false, error: { key, flag: spec.flag, xml: spec.xml, value: input, allowed: parsed.allowed } };
    values[key] = parsed.value;
  }
  return { ok: true, values };
}

export function describeFieldError(error: FieldError, label: string): string {
  return `invalid value ${JSON.stringify(error.value)} for ${label}: allowed ${error.allowed}`;
}
