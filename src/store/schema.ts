// Typed tables for Kysely. Lineup's Kysely instance uses CamelCasePlugin: property names here are
// the camelCase of the snake_case columns in sql/*.sql.
import type { ColumnType, Generated } from 'kysely';
import type {
  AgentType, AssignmentMode, EventType, EventValue, ExitKey, JoinPolicy, LeavePolicy, StrategyName,
} from '../engine/index.js';

/** timestamptz columns: read as Date, written as Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** numeric columns come back as strings from postgres.js. */
type Numeric = ColumnType<string, number | string, number | string>;
/** bigint columns come back as strings from postgres.js. */
type Int8 = ColumnType<string, never, never>;

export interface QueuesTable {
  name: string;
  extension: string | null;
  strategy: StrategyName;
  priority: number;
  assignment: AssignmentMode;
  maxCallers: number;
  maxWaitSeconds: number;
  maxWaitWithNoAgentSeconds: number;
  maxWaitWithNoAgentTimeReachedSeconds: number;
  joinPolicy: JoinPolicy;
  leavePolicy: LeavePolicy;
  maxRingSeconds: number;
  tierRulesApply: boolean;
  tierRuleWaitSeconds: number;
  tierRuleWaitMultiplyLevel: boolean;
  tierRuleNoAgentNoWait: boolean;
  discardAbandonedAfterSeconds: number;
  abandonedResumeAllowed: boolean;
  ringProgressivelyDelaySeconds: number;
  ringN: number;
  callWindowSeconds: number;
  skipAgentsWithExternalCalls: boolean;
  wrapUpSeconds: number;
  agentNoAnswerStatus: 'On Break' | 'Logged Out';
  timeBaseScore: 'queue' | 'system';
  exitKeys: ColumnType<ExitKey[], ExitKey[], ExitKey[]>;
  timeoutDestination: string | null;
  emptyDestination: string | null;
  mohSound: string;
  announceOnEntry: boolean;
  announceFrequencySeconds: number;
  announcePosition: boolean;
  announceHoldTime: boolean;
  periodicSound: string | null;
  periodicFrequencySeconds: number;
  recordTemplate: string | null;
  defaultHandleSeconds: number;
  updatedAt: ColumnType<Date, never, Date | string>;
}

export interface AgentsTable {
  id: string;
  name: string;
  contact: string;
  type: AgentType;
  maxNoAnswer: number;
  wrapUpSeconds: number | null;
  rejectDelaySeconds: number;
  busyDelaySeconds: number;
  noAnswerDelaySeconds: number;
  notRegisteredDelaySeconds: number;
  updatedAt: ColumnType<Date, never, Date | string>;
}

export interface TiersTable {
  queue: string;
  agentId: string;
  level: number;
  position: number;
  updatedAt: ColumnType<Date, never, Date | string>;
}

export interface ConfigVersionTable {
  singleton: ColumnType<boolean, never, never>;
  version: Int8;
  changedAt: Timestamp;
}

export interface AgentLiveTable {
  agentId: string;
  name: string;
  type: string;
  contact: string;
  status: string;
  pauseReason: string | null;
  state: string;
  statusSince: Timestamp;
  stateSince: Timestamp;
  wrapUpUntil: Timestamp | null;
  callId: string | null;
  queue: string | null;
  callsAnswered: number;
  talkSeconds: Numeric;
  noAnswerCount: number;
  updatedAt: Timestamp;
}

export interface CallerLiveTable {
  callId: string;
  queue: string;
  callerIdNumber: string;
  callerIdName: string;
  priority: number;
  joinedAt: Timestamp;
  position: number | null;
  state: string;
  agentId: string | null;
  ringingAgentIds: string[];
  updatedAt: Timestamp;
}

export interface QueueEventsTable {
  id: Generated<Int8>;
  eventId: string;
  at: Timestamp;
  callId: string | null;
  queue: string | null;
  agentId: string | null;
  event: EventType;
  data: ColumnType<Record<string, EventValue>, string, never>;
}

export interface LineupMigrationsTable {
  name: string;
  appliedAt: Timestamp;
}

export interface Database {
  queues: QueuesTable;
  agents: AgentsTable;
  tiers: TiersTable;
  configVersion: ConfigVersionTable;
  agentLive: AgentLiveTable;
  callerLive: CallerLiveTable;
  queueEvents: QueueEventsTable;
  lineupMigrations: LineupMigrationsTable;
}
