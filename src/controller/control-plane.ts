// What the running controller offers to its control surfaces (the HTTP API, and through it the
// CLI): live operations on agents, the live status, and a stream of what happens. Configuration
// (queues, agents, tiers) is not here: it lives in Postgres, written by the CLI or the API through
// the store, and the controller picks changes up within a second.
import type { AgentStatus, EngineError, EngineSnapshot, QueueEvent } from '../engine/index.js';

export interface AgentStatusRequest {
  readonly agentId: string;
  readonly status: AgentStatus;
  /** Pause reason, with On Break. */
  readonly reason?: string | null;
  /** Who asks: 'cli', 'api', 'feature-code'. */
  readonly source: string;
}

/** What the live stream carries: queue events as logged, and snapshots after state changes. */
export type LiveUpdate =
  | { readonly kind: 'event'; readonly event: QueueEvent }
  | { readonly kind: 'state'; readonly snapshot: EngineSnapshot };

export interface ControlPlane {
  /** Applies a status change (login, logout, pause with reason, resume); null when applied. */
  setAgentStatus(request: AgentStatusRequest): EngineError | null;
  /** Wrap-up over / On Demand agent ready again. */
  agentReady(agentId: string): EngineError | null;
  /** Manual assignment: the agent takes the next caller, or the given one. */
  requestCall(agentId: string, callId?: string): EngineError | null;
  snapshot(): EngineSnapshot;
  /** Returns the unsubscribe function. */
  subscribe(listener: (update: LiveUpdate) => void): () => void;
}
