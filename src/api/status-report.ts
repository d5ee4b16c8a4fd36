// What `lineup status` and GET /status show, per queue: callers with their wait, logged-in agents
// with state and time in state, and today's figures. Built from an engine snapshot (live from the
// controller, or the last one the controller persisted) plus the configuration's tiers.
import type {
  AgentSnapshot,
  AgentState,
  AgentStatus,
  AgentType,
  EngineSnapshot,
  MemberState,
  TierConfig,
} from '../engine/index.js';

export interface StatusCaller {
  readonly callId: string;
  readonly callerIdNumber: string;
  readonly callerIdName: string;
  /** 1-based place in line; null once connected. */
  readonly position: number | null;
  readonly state: MemberState;
  readonly waitSeconds: number;
  readonly agentId: string | null;
}

export interface StatusAgent {
  readonly id: string;
  readonly name: string;
  readonly type: AgentType;
  readonly status: AgentStatus;
  readonly pauseReason: string | null;
  readonly state: AgentState;
  readonly secondsInState: number;
  readonly level: number;
  readonly position: number;
}

export interface TodayFigures {
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Percent of answered calls answered within the threshold; null before any answer. */
  readonly serviceLevelPct: number | null;
}

export interface QueueStatus {
  readonly name: string;
  readonly callers: readonly StatusCaller[];
  /** Tiered agents that are logged in (any status but Logged Out). */
  readonly agents: readonly StatusAgent[];
  readonly today: TodayFigures;
}

export interface StatusReport {
  /** ISO time the report was made. */
  readonly at: string;
  /** true: from the running controller; false: the state persisted by the last controller. */
  readonly live: boolean;
  /** Service-level threshold used for today's figures, seconds. */
  readonly serviceLevelSeconds: number;
  readonly queues: readonly QueueStatus[];
}

export const NO_FIGURES: TodayFigures = { offered: 0, answered: 0, abandoned: 0, serviceLevelPct: null };

export interface StatusInput {
  readonly snapshot: EngineSnapshot;
  /** Configured queue names, in display order. */
  readonly queues: readonly string[];
  readonly tiers: readonly TierConfig[];
  readonly today: ReadonlyMap<string, TodayFigures>;
  readonly serviceLevelSeconds: number;
  readonly now: number;
  readonly live: boolean;
}

function seconds(from: number, now: number): number {
  return Math.max(0, Math.floor((now - from) / 1000));
}

function statusAgent(agent: AgentSnapshot, tier: TierConfig, now: number): StatusAgent {
  return {
    id: agent.id,
    name: agent.name,
    type: agent.type,
    status: agent.status,
    pauseReason: agent.pauseReason,
    state: agent.state,
    secondsInState: seconds(agent.stateSince, now),
    level: tier.level,
    position: tier.position,
  };
}

export function buildStatusReport(input: StatusInput): StatusReport {
  const agents = new Map(input.snapshot.agents.map((agent) => [agent.id, agent]));
  const queues = input.queues.map((name): QueueStatus => {
    const callers = input.snapshot.members
      .filter((member) => member.queue === name)
      .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.joinedAt - b.joinedAt)
      .map((member) => ({
        callId: member.callId,
        callerIdNumber: member.callerIdNumber,
        callerIdName: member.callerIdName,
        position: member.position,
        state: member.state,
        waitSeconds: seconds(member.joinedAt, input.now),
        agentId: member.agentId,
      }));
    const tiered = input.tiers
      .filter((tier) => tier.queue === name)
      .sort((a, b) => a.level - b.level || a.position - b.position || a.agentId.localeCompare(b.agentId))
      .flatMap((tier) => {
        const agent = agents.get(tier.agentId);
        return agent === undefined || agent.status === 'Logged Out' ? [] : [statusAgent(agent, tier, input.now)];
      });
    return { name, callers, agents: tiered, today: input.today.get(name) ?? NO_FIGURES };
  });
  return {
    at: new Date(input.now).toISOString(),
    live: input.live,
    serviceLevelSeconds: input.serviceLevelSeconds,
    queues,
  };
}
