// The engine's runtime records. Configuration objects are kept as given; everything else is
// mutable bookkeeping owned by the engine modules.
import type { AgentConfig, AgentState, AgentStatus, QueueConfig } from './model.js';
import type { Rng } from './rng.js';
import type { TimerHandle, TimerHeap } from './timer-heap.js';
import type { RingCancelReason } from './commands.js';
import type { BoundedMemory } from './bounded-memory.js';
import type { DirtySet } from './dirty-set.js';

export interface TierRt {
  readonly queue: QueueRt;
  readonly agent: AgentRt;
  level: number;
  position: number;
  /** Answer times (epoch ms) of this agent's calls in this queue, oldest first (call windows). */
  readonly answeredAt: number[];
}

/** Where a cursor stands in a queue's (level, position, agent id) order. */
export interface TierKey {
  readonly level: number;
  readonly position: number;
  readonly agentId: string;
}

export interface AbandonedCaller {
  readonly callerIdNumber: string;
  readonly joinedAt: number;
  readonly orderAt: number;
  readonly timer: TimerHandle;
}

export interface QueueRt {
  config: QueueConfig;
  readonly name: string;
  /** Callers not yet connected (waiting or ringing), in service order. */
  readonly members: MemberRt[];
  /** Tiers in (level, position, agent id) order. */
  readonly tiers: TierRt[];
  /** The tiers whose agent is free (AgentRt.free), same order: the dispatch candidates. */
  readonly freeTiers: TierRt[];
  connected: number;
  /** Tiered agents whose status is not Logged Out. */
  loggedIn: number;
  /** Tiered agents whose status is Available or Available (On Demand). */
  serving: number;
  /** Logged-in tiered agents per level (the rows the tier rules count). */
  readonly loggedInByLevel: Map<number, number>;
  /** Sorted levels with logged-in agents; null when it must be recomputed. */
  levelsCache: number[] | null;
  /** Since when no tiered agent is logged in (-Infinity: never was); null while one is. */
  noAgentSince: number | null;
  noAgentTimer: TimerHandle | null;
  /** round-robin-memory: the last agent rung in this queue. */
  lastRung: TierKey | null;
  /** Exponentially weighted mean handle time (talk + wrap-up), seconds. */
  handleSeconds: number;
  answered: number;
  abandoned: number;
  readonly abandonedCallers: Map<string, AbandonedCaller>;
}

export interface MemberTimers {
  maxWait: TimerHandle | null;
  announce: TimerHandle | null;
  play: TimerHandle | null;
  gate: TimerHandle | null;
  progressive: TimerHandle | null;
}

export interface MemberRt {
  readonly callId: string;
  readonly queue: QueueRt;
  readonly callerIdNumber: string;
  readonly callerIdName: string;
  readonly priority: number;
  /** Arrival sequence: the last tie-break of the service order. */
  readonly seq: number;
  /** Original join (kept across a resume): tier rules and wait figures. */
  readonly joinedAt: number;
  /** Effective join time for ordering: joinedAt minus base score (and time in system). */
  readonly orderAt: number;
  /** When this visit started: max wait and the no-agent rule count from here. */
  readonly enteredAt: number;
  originalPosition: number;
  readonly resumed: boolean;
  /** Ringing offers by agent id. */
  readonly offers: Map<string, OfferRt>;
  connectedTo: AgentRt | null;
  connectedAt: number;
  /** Max wait passed while an offer rang: leave once the offers resolve (FS-10237). */
  timedOut: boolean;
  /** top-down / linear: the tier this caller was last offered to. */
  cursor: TierKey | null;
  /** ring-progressively: when the last agent was added. */
  lastAddedAt: number;
  readonly timers: MemberTimers;
  /** In the engine's dirtyMembers. */
  dirty: boolean;
}

export interface AgentRt {
  config: AgentConfig;
  status: AgentStatus;
  pauseReason: string | null;
  state: AgentState;
  stateSince: number;
  statusSince: number;
  /** When the agent last left Logged Out (AGENTLOGOFF loggedInSeconds). */
  loggedInAt: number;
  wrapUpUntil: number | null;
  wrapUpStartedAt: number;
  wrapUpQueue: string | null;
  readyAt: number;
  callsAnswered: number;
  talkSeconds: number;
  noAnswerCount: number;
  lastOfferedAt: number;
  lastBridgeStartAt: number;
  lastBridgeEndAt: number;
  externalCalls: number;
  offer: OfferRt | null;
  call: MemberRt | null;
  /** Status at offer time was Available (On Demand): Idle after a bridged call. */
  onDemandAtOffer: boolean;
  /** Tiers by queue name. */
  readonly tiers: Map<string, TierRt>;
  removed: boolean;
  /** agentFree() as of the last change to the agent (ready times are re-checked by their timer). */
  free: boolean;
  wrapUpTimer: TimerHandle | null;
  readyTimer: TimerHandle | null;
  /** In the engine's dirtyAgents. */
  dirty: boolean;
}

export interface OfferRt {
  readonly id: string;
  readonly member: MemberRt;
  readonly agent: AgentRt;
  readonly startedAt: number;
  timer: TimerHandle | null;
}

export interface CancelledOffer {
  readonly callId: string;
  readonly agentId: string;
  readonly reason: RingCancelReason;
}

export type TimerAction =
  | { readonly kind: 'ring-timeout'; readonly offer: OfferRt }
  | { readonly kind: 'agent-ready'; readonly agent: AgentRt }
  | { readonly kind: 'wrap-up-end'; readonly agent: AgentRt }
  | { readonly kind: 'max-wait'; readonly member: MemberRt }
  | { readonly kind: 'no-agent'; readonly queue: QueueRt }
  | { readonly kind: 'gate'; readonly member: MemberRt }
  | { readonly kind: 'progressive'; readonly member: MemberRt }
  | { readonly kind: 'announce'; readonly member: MemberRt }
  | { readonly kind: 'play'; readonly member: MemberRt }
  | { readonly kind: 'discard-abandoned'; readonly queue: QueueRt; readonly callerIdNumber: string };

export interface EngineState {
  readonly queues: Map<string, QueueRt>;
  readonly agents: Map<string, AgentRt>;
  /** Every caller in a queue: waiting, ringing or connected. */
  readonly members: Map<string, MemberRt>;
  readonly offers: Map<string, OfferRt>;
  /** Offers we cancelled whose final answer/failure may still arrive. */
  readonly cancelledOffers: BoundedMemory<CancelledOffer>;
  /** Call ids that ended recently: later inputs about them are stale. */
  readonly endedCalls: BoundedMemory<true>;
  readonly timers: TimerHeap<TimerAction>;
  /** Work sets of one handle() call, kept to save allocations: always empty between calls. */
  readonly dirtyAgents: DirtySet<AgentRt>;
  readonly dirtyMembers: DirtySet<MemberRt>;
  readonly bestCallers: Map<AgentRt, MemberRt>;
  readonly rng: Rng;
  offerCounter: number;
  memberSeq: number;
}

/** How many cancelled offers and ended calls are remembered to recognise stale inputs. */
export const STALE_MEMORY = 10_000;
