// Configuration and vocabulary of the queue engine. Durations in configuration are whole
// seconds (as operators write them, as mod_callcenter stores them); the engine's clock is
// epoch milliseconds, passed in with every input.

/** Every strategy the engine implements; the first nine are mod_callcenter's names. */
export const STRATEGIES = [
  'ring-all',
  'longest-idle-agent',
  'round-robin',
  'top-down',
  'agent-with-least-talk-time',
  'agent-with-fewest-calls',
  'sequentially-by-agent-order',
  'random',
  'ring-progressively',
  // Beyond mod_callcenter:
  'round-robin-memory', // Asterisk rrmemory: a cursor per queue, the next agent after the last one rung
  'linear', // Asterisk linear / Axivox "from the first in the list": every call starts at the top
  'fewest-calls-in-window', // Axivox: fewest answered calls of this queue in the last windowSeconds
  'weighted-random', // Asterisk wrandom: random, weighted against higher levels
  'ring-n-random', // 3CX "hunt by threes": ringN random agents at once
  'ring-n-ordered', // 3CX "first 3 available": ringN agents at once in level/position order
] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** mod_callcenter's agent statuses, exact strings. */
export const AGENT_STATUSES = ['Logged Out', 'Available', 'Available (On Demand)', 'On Break'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** mod_callcenter's agent states, exact strings. */
export const AGENT_STATES = ['Idle', 'Waiting', 'Receiving', 'In a queue call', 'Reserved'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export const AGENT_TYPES = ['static', 'dynamic'] as const;
/** Static agents are always logged in; dynamic agents log in and out. */
export type AgentType = (typeof AGENT_TYPES)[number];

export const ASSIGNMENT_MODES = ['automatic', 'manual'] as const;
/** automatic: offered as soon as an agent is free; manual: the agent asks for the next caller. */
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const JOIN_POLICIES = ['always', 'require-logged-in', 'require-available'] as const;
/**
 * When a caller may join. always: mod_callcenter (only max-wait-time-with-no-agent kicks);
 * require-logged-in: refused when no tiered agent is logged in (status other than Logged Out);
 * require-available: refused when no tiered agent is Available / Available (On Demand).
 */
export type JoinPolicy = (typeof JOIN_POLICIES)[number];

export const LEAVE_POLICIES = ['never', 'when-none-logged-in', 'when-none-available'] as const;
/** When waiting callers are sent out (EXITEMPTY) because the queue emptied of agents. */
export type LeavePolicy = (typeof LEAVE_POLICIES)[number];

/** mod_callcenter cancel reasons (member-queue-end Cancel), exact strings. */
export const CANCEL_REASONS = ['NONE', 'TIMEOUT', 'NO_AGENT_TIMEOUT', 'BREAK_OUT', 'EXIT_WITH_KEY'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/**
 * FreeSWITCH hang-up causes the engine distinguishes when an offer fails (mod_callcenter §8.5).
 * Any other cause string is handled as a no-answer.
 */
export type OfferFailureCause =
  | 'NO_ANSWER'
  | 'USER_BUSY'
  | 'NORMAL_CIRCUIT_CONGESTION'
  | 'CALL_REJECTED'
  | 'USER_NOT_REGISTERED'
  | 'SUBSCRIBER_ABSENT'
  | 'LOSE_RACE'
  | 'ORIGINATOR_CANCEL'
  | (string & {});

export interface ExitKey {
  /** One DTMF digit: 0-9, *, #. */
  readonly key: string;
  /** Where the caller goes: a dialplan extension, e.g. "voicemail" or "1000 XML default". */
  readonly destination: string;
}

export interface QueueConfig {
  readonly name: string;
  /** The dialed number that reaches this queue; null when only `lineup_queue` selects it. */
  readonly extension: string | null;
  readonly strategy: StrategyName;
  /** Higher first: an agent serving several queues takes callers of the higher-priority queue first. */
  readonly priority: number;
  readonly assignment: AssignmentMode;
  /** 0 = unlimited. A caller arriving at a full queue is refused (FULL). */
  readonly maxCallers: number;
  /** 0 = off. EXITWITHTIMEOUT to timeoutDestination after this many seconds of waiting. */
  readonly maxWaitSeconds: number;
  /** 0 = off. mod_callcenter max-wait-time-with-no-agent. */
  readonly maxWaitWithNoAgentSeconds: number;
  /** mod_callcenter max-wait-time-with-no-agent-time-reached (grace), default 5. */
  readonly maxWaitWithNoAgentTimeReachedSeconds: number;
  readonly joinPolicy: JoinPolicy;
  readonly leavePolicy: LeavePolicy;
  /** Per-offer ring time (the originate timeout), seconds, > 0. */
  readonly maxRingSeconds: number;
  readonly tierRulesApply: boolean;
  readonly tierRuleWaitSeconds: number;
  readonly tierRuleWaitMultiplyLevel: boolean;
  readonly tierRuleNoAgentNoWait: boolean;
  /** Seconds an abandoned caller is remembered (resume window). */
  readonly discardAbandonedAfterSeconds: number;
  /** A caller who calls again with the same caller id number within the window keeps the original place. */
  readonly abandonedResumeAllowed: boolean;
  /** ring-progressively: one more agent every this many seconds (0 means 10, as mod_callcenter). */
  readonly ringProgressivelyDelaySeconds: number;
  /** ring-n-random / ring-n-ordered: agents rung at once. */
  readonly ringN: number;
  /** fewest-calls-in-window: the window, seconds. */
  readonly callWindowSeconds: number;
  /** Skip agents with a call outside the queue (mod_callcenter skip-agents-with-external-calls). */
  readonly skipAgentsWithExternalCalls: boolean;
  /** Wrap-up after a queue call for agents whose own wrapUpSeconds is null. */
  readonly wrapUpSeconds: number;
  /** Status an agent gets on reaching max-no-answer (mod_callcenter agent-no-answer-status). */
  readonly agentNoAnswerStatus: 'On Break' | 'Logged Out';
  /** 'system' adds the caller's time in the system before joining to its score (time-base-score). */
  readonly timeBaseScore: 'queue' | 'system';
  readonly exitKeys: readonly ExitKey[];
  readonly timeoutDestination: string | null;
  readonly emptyDestination: string | null;
  /** Music on hold, default local_stream://moh. */
  readonly mohSound: string;
  /** Announce position / estimated wait on entry. */
  readonly announceOnEntry: boolean;
  /** 0 = off. Repeat the position / estimated wait announcement every this many seconds. */
  readonly announceFrequencySeconds: number;
  readonly announcePosition: boolean;
  readonly announceHoldTime: boolean;
  /** Periodic sound (mod_callcenter announce-sound) and its frequency (0 = off). */
  readonly periodicSound: string | null;
  readonly periodicFrequencySeconds: number;
  /** mod_callcenter record-template; null = no recording. */
  readonly recordTemplate: string | null;
  /** Handle time assumed by the wait estimator before any call was answered, seconds. */
  readonly defaultHandleSeconds: number;
}

export interface AgentConfig {
  readonly id: string;
  readonly name: string;
  /** FreeSWITCH dial string, e.g. "user/1000@default". */
  readonly contact: string;
  readonly type: AgentType;
  /** Consecutive no-answers before the status becomes the queue's agentNoAnswerStatus; 0 = off. */
  readonly maxNoAnswer: number;
  /** null = the offering queue's wrapUpSeconds. */
  readonly wrapUpSeconds: number | null;
  readonly rejectDelaySeconds: number;
  readonly busyDelaySeconds: number;
  readonly noAnswerDelaySeconds: number;
  /** mod_callcenter hard-codes 5 s; configurable here. */
  readonly notRegisteredDelaySeconds: number;
}

export interface TierConfig {
  readonly queue: string;
  readonly agentId: string;
  /** Lower levels are tried first. */
  readonly level: number;
  /** Lower positions are tried first within a level. */
  readonly position: number;
}

/** Defaults an operator gets when a field is not given: mod_callcenter's code defaults where it has one. */
export function defaultQueueConfig(name: string): QueueConfig {
  return {
    name,
    extension: null,
    strategy: 'longest-idle-agent',
    priority: 0,
    assignment: 'automatic',
    maxCallers: 0,
    maxWaitSeconds: 0,
    maxWaitWithNoAgentSeconds: 0,
    maxWaitWithNoAgentTimeReachedSeconds: 5,
    joinPolicy: 'always',
    leavePolicy: 'never',
    maxRingSeconds: 30,
    tierRulesApply: false,
    tierRuleWaitSeconds: 0,
    tierRuleWaitMultiplyLevel: false,
    tierRuleNoAgentNoWait: true,
    discardAbandonedAfterSeconds: 60,
    abandonedResumeAllowed: false,
    ringProgressivelyDelaySeconds: 10,
    ringN: 3,
    callWindowSeconds: 3600,
    skipAgentsWithExternalCalls: true,
    wrapUpSeconds: 0,
    agentNoAnswerStatus: 'On Break',
    timeBaseScore: 'queue',
    exitKeys: [],
    timeoutDestination: null,
    emptyDestination: null,
    mohSound: 'local_stream://moh',
    announceOnEntry: false,
    announceFrequencySeconds: 0,
    announcePosition: true,
    announceHoldTime: true,
    periodicSound: null,
    periodicFrequencySeconds: 0,
    recordTemplate: null,
    defaultHandleSeconds: 180,
  };
}

export function defaultAgentConfig(id: string, contact: string): AgentConfig {
  return {
    id,
    name: id,
    contact,
    type: 'dynamic',
    maxNoAnswer: 0,
    wrapUpSeconds: null,
    rejectDelaySeconds: 0,
    busyDelaySeconds: 0,
    noAnswerDelaySeconds: 0,
    notRegisteredDelaySeconds: 5,
  };
}
