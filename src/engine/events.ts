// The queue event vocabulary: what the Postgres log stores, one row per event. A superset of
// Asterisk queue_log verbs that also covers the Axivox report's 13 event types and
// mod_callcenter's cancel reasons; the mapping is in docs/events.md.

export const EVENT_TYPES = [
  // Caller side
  'ENTERQUEUE', // data: callerIdNumber, callerIdName, position, priority, resumed
  'FULL', // refused, queue at maxCallers (no ENTERQUEUE). data: callerIdNumber, maxCallers, destination
  'JOINEMPTY', // refused by the join policy (no ENTERQUEUE). data: callerIdNumber, policy, destination
  'ABANDON', // caller hung up while waiting (mod_callcenter BREAK_OUT). data: position, originalPosition, waitSeconds, ringing, cancelReason
  'EXITWITHTIMEOUT', // max wait reached (TIMEOUT). data: position, originalPosition, waitSeconds, destination, cancelReason
  'EXITEMPTY', // no agents (NO_AGENT_TIMEOUT, leave policy, queue removed). data: position, originalPosition, waitSeconds, reason, destination, cancelReason
  'EXITWITHKEY', // exit key pressed (EXIT_WITH_KEY). data: key, position, originalPosition, waitSeconds, destination, cancelReason
  // Offers
  'OFFER', // an agent is rung (mod_callcenter agent-offering). data: offerId, position, ringTimeoutSeconds
  'RINGNOANSWER', // data: offerId, ringMs, cause
  'RINGBUSY', // USER_BUSY / NORMAL_CIRCUIT_CONGESTION. data: offerId, ringMs, cause
  'RINGREJECTED', // CALL_REJECTED or rejected from the UI. data: offerId, ringMs, cause
  'RINGUNAVAILABLE', // USER_NOT_REGISTERED / SUBSCRIBER_ABSENT. data: offerId, ringMs, cause
  'RINGCANCELED', // we stopped the ring. data: offerId, ringMs, reason (caller-left | lose-race | status-change | removed)
  // Connected calls
  'CONNECT', // agent answered, caller bridged. data: offerId, waitSeconds, ringMs, position, originalPosition
  'COMPLETEAGENT', // agent hung up. data: waitSeconds, talkSeconds, originalPosition
  'COMPLETECALLER', // caller hung up. data: waitSeconds, talkSeconds, originalPosition
  'TRANSFER', // attended transfer (Asterisk ATTENDEDTRANSFER). data: target, waitSeconds, talkSeconds, originalPosition
  'BLINDTRANSFER', // data: target, waitSeconds, talkSeconds, originalPosition
  // Agents
  'AGENTLOGIN', // data: status, source
  'AGENTLOGOFF', // data: loggedInSeconds, source
  'PAUSE', // status became On Break. data: reason, source (max-no-answer for the automatic pause), noAnswerCount
  'UNPAUSE', // data: reason (the pause's), pausedSeconds, source
  'AGENTSTATUS', // any other status change, e.g. Available -> Available (On Demand). data: from, to, source
  'WRAPUPSTART', // data: seconds
  'WRAPUPEND', // data: wrapSeconds
  'ADDMEMBER', // a tier was added. data: level, position
  'REMOVEMEMBER', // a tier was removed
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type EventValue = string | number | boolean | null;

export interface QueueEvent {
  readonly type: EventType;
  /** Epoch milliseconds. */
  readonly at: number;
  /** The caller's call id; null for pure agent events. */
  readonly callId: string | null;
  /** null for events that concern an agent in every queue (login, pause). */
  readonly queue: string | null;
  /** null for caller-only events. */
  readonly agentId: string | null;
  readonly data: Readonly<Record<string, EventValue>>;
}

/** Events that end a caller's visit to a queue: every ENTERQUEUE is followed by exactly one. */
export const TERMINAL_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'ABANDON',
  'EXITWITHTIMEOUT',
  'EXITEMPTY',
  'EXITWITHKEY',
  'COMPLETEAGENT',
  'COMPLETECALLER',
  'TRANSFER',
  'BLINDTRANSFER',
]);
