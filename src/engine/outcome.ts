// What one call to Engine.handle returns, and what the engine shows of its state.
import type { Command } from './commands.js';
import type { QueueEvent } from './events.js';
import type { AgentState, AgentStatus, AgentType } from './model.js';

export type EngineErrorCode =
  | 'unknown-queue'
  | 'unknown-agent'
  | 'unknown-call'
  | 'duplicate-call'
  | 'static-agent' // a static agent cannot log out
  | 'invalid-config' // a config value out of range (message names the field)
  | 'not-manual' // agent-request-call for an agent with no manual queue
  | 'no-caller' // agent-request-call found no caller to take
  | 'agent-busy' // agent-request-call by an agent that is not free
  | 'stale'; // an input about an offer or call that already ended: harmless, ignored

export interface EngineError {
  readonly code: EngineErrorCode;
  readonly message: string;
}

export interface Outcome {
  readonly commands: readonly Command[];
  readonly events: readonly QueueEvent[];
  /** null when the input was applied; otherwise nothing changed. */
  readonly error: EngineError | null;
}

export type MemberState = 'waiting' | 'ringing' | 'connected';

export interface MemberSnapshot {
  readonly callId: string;
  readonly queue: string;
  readonly callerIdNumber: string;
  readonly callerIdName: string;
  readonly priority: number;
  /** Epoch ms of the (original, if resumed) join. */
  readonly joinedAt: number;
  /** 1-based among the queue's not-yet-connected callers, in service order; null once connected. */
  readonly position: number | null;
  readonly state: MemberState;
  /** The connected agent, when connected. */
  readonly agentId: string | null;
  readonly ringingAgentIds: readonly string[];
}

export interface AgentSnapshot {
  readonly id: string;
  readonly name: string;
  readonly type: AgentType;
  readonly contact: string;
  readonly status: AgentStatus;
  readonly pauseReason: string | null;
  readonly state: AgentState;
  /** Epoch ms of the last state change. */
  readonly stateSince: number;
  readonly statusSince: number;
  /** Epoch ms until which the agent is in wrap-up, or null. */
  readonly wrapUpUntil: number | null;
  /** Epoch ms before which the agent is not offered (reject / busy / no-answer delays). */
  readonly readyAt: number;
  readonly callsAnswered: number;
  readonly talkSeconds: number;
  readonly noAnswerCount: number;
  readonly lastOfferedAt: number;
  readonly lastBridgeStartAt: number;
  readonly lastBridgeEndAt: number;
  readonly externalCalls: number;
  readonly callId: string | null;
  readonly queue: string | null;
}

export interface QueueSnapshot {
  readonly name: string;
  readonly waiting: number;
  readonly connected: number;
  readonly loggedInAgents: number;
  readonly availableAgents: number;
  readonly longestWaitSeconds: number;
  /** What a caller joining now would be told; null when no agent serves the queue. */
  readonly estimatedWaitSeconds: number | null;
  /** Since the engine started. */
  readonly answered: number;
  readonly abandoned: number;
}

export interface EngineSnapshot {
  readonly queues: readonly QueueSnapshot[];
  readonly agents: readonly AgentSnapshot[];
  readonly members: readonly MemberSnapshot[];
}

