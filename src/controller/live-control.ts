// The ControlPlane over the running engine: what the HTTP API (and through it the CLI) may do
// live, and the stream of queue events and state snapshots for wallboards.
import type { EngineError, EngineSnapshot, QueueEvent } from '../engine/index.js';
import type { AgentStatusRequest, ControlPlane, LiveUpdate } from './control-plane.js';
import type { EngineHost } from './engine-host.js';

export class LiveControl implements ControlPlane {
  readonly #listeners = new Set<(update: LiveUpdate) => void>();

  constructor(private readonly host: EngineHost) {}

  setAgentStatus(request: AgentStatusRequest): EngineError | null {
    return this.host.submit({
      kind: 'agent-status-set',
      agentId: request.agentId,
      status: request.status,
      reason: request.reason ?? null,
      source: request.source,
    }).error;
  }

  agentReady(agentId: string): EngineError | null {
    return this.host.submit({ kind: 'agent-ready', agentId }).error;
  }

  requestCall(agentId: string, callId?: string): EngineError | null {
    return this.host.submit(callId === undefined ? { kind: 'agent-request-call', agentId } : { kind: 'agent-request-call', agentId, callId }).error;
  }

  snapshot(): EngineSnapshot {
    return this.host.snapshot();
  }

  subscribe(listener: (update: LiveUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called by the controller with every batch of queue events. */
  publishEvents(events: readonly QueueEvent[]): void {
    if (this.#listeners.size === 0) return;
    for (const event of events) this.#publish({ kind: 'event', event });
    this.#publish({ kind: 'state', snapshot: this.host.snapshot() });
  }

  #publish(update: LiveUpdate): void {
    for (const listener of this.#listeners) listener(update);
  }
}
