// One handle() call: the state, the clock, what is emitted, and what must be re-dispatched.
import type { Command } from './commands.js';
import type { EventType, EventValue, QueueEvent } from './events.js';
import type { DirtySet } from './dirty-set.js';
import type { AgentRt, EngineState, MemberRt } from './state.js';

export class Ctx {
  readonly commands: Command[] = [];
  readonly events: QueueEvent[] = [];
  /** Agents that may have become free: look for a caller for them (emptied by settle). */
  readonly dirtyAgents: DirtySet<AgentRt>;
  /** Callers that may have become offerable: look for agents for them (emptied by settle). */
  readonly dirtyMembers: DirtySet<MemberRt>;

  constructor(
    readonly s: EngineState,
    readonly now: number,
  ) {
    this.dirtyAgents = s.dirtyAgents;
    this.dirtyMembers = s.dirtyMembers;
  }

  command(command: Command): void {
    this.commands.push(command);
  }

  event(
    type: EventType,
    ids: { callId?: string | null; queue?: string | null; agentId?: string | null },
    data: Record<string, EventValue>,
  ): void {
    this.events.push({
      type,
      at: this.now,
      callId: ids.callId ?? null,
      queue: ids.queue ?? null,
      agentId: ids.agentId ?? null,
      data,
    });
  }

  /** Seconds from `since` to now, with millisecond precision. */
  secondsSince(since: number): number {
    return (this.now - since) / 1000;
  }
}
