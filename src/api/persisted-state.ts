// The live state as the controller persisted it (agent_live, caller_live), for `lineup status`
// and agent status changes when no controller runs here. An agent's status written here while
// no controller runs is restored by the next `lineup serve` (agent-upserted restoreStatus).
import type { Kysely } from 'kysely';
import {
  AGENT_STATES,
  AGENT_STATUSES,
  AGENT_TYPES,
  type AgentConfig,
  type AgentSnapshot,
  type AgentStatus,
  type EngineSnapshot,
  type MemberSnapshot,
  Engine,
} from '../engine/index.js';
import type { Database } from '../store/schema.js';
import { apiError, fail, ok, type ApiResult } from './api-error.js';

function failed<T>(what: string, error: unknown): ApiResult<T> {
  return fail(apiError('failed', `cannot ${what}: ${error instanceof Error ? error.message : String(error)}`));
}

function oneOf<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return values.includes(value as T) ? (value as T) : fallback;
}

/** An EngineSnapshot rebuilt from the persisted tables (figures the tables do not keep are 0). */
async function persistedSnapshot(db: Kysely<Database>): Promise<ApiResult<EngineSnapshot>> {
  try {
    const [agentRows, callerRows] = await Promise.all([
      db.selectFrom('agentLive').selectAll().orderBy('agentId').execute(),
      db.selectFrom('callerLive').selectAll().orderBy('queue').orderBy('joinedAt').execute(),
    ]);
    const agents = agentRows.map(
      (row): AgentSnapshot => ({
        id: row.agentId,
        name: row.name,
        type: oneOf(AGENT_TYPES, row.type, 'dynamic'),
        contact: row.contact,
        status: oneOf(AGENT_STATUSES, row.status, 'Logged Out'),
        pauseReason: row.pauseReason,
        state: oneOf(AGENT_STATES, row.state, 'Waiting'),
        stateSince: row.stateSince.getTime(),
        statusSince: row.statusSince.getTime(),
        wrapUpUntil: row.wrapUpUntil?.getTime() ?? null,
        readyAt: 0,
        callsAnswered: row.callsAnswered,
        talkSeconds: Number(row.talkSeconds),
        noAnswerCount: row.noAnswerCount,
        lastOfferedAt: 0,
        lastBridgeStartAt: 0,
        lastBridgeEndAt: 0,
        externalCalls: 0,
        callId: row.callId,
        queue: row.queue,
      }),
    );
    const members = callerRows.map(
      (row): MemberSnapshot => ({
        callId: row.callId,
        queue: row.queue,
        callerIdNumber: row.callerIdNumber,
        callerIdName: row.callerIdName,
        priority: row.priority,
        joinedAt: row.joinedAt.getTime(),
        position: row.position,
        state: oneOf(['waiting', 'ringing', 'connected'] as const, row.state, 'waiting'),
        agentId: row.agentId,
        ringingAgentIds: row.ringingAgentIds,
      }),
    );
    return ok({ queues: [], agents, members });
  } catch (error) {
    return failed('read the persisted live state', error);
  }
}

/**
 * Agents no controller has seen yet, as the engine starts them (static: Available, dynamic:
 * Logged Out): asked of a fresh engine, so these defaults live in one place.
 */
function startingSnapshots(agents: readonly AgentConfig[], now: number): readonly AgentSnapshot[] {
  const engine = new Engine();
  for (const agent of agents) engine.handle({ kind: 'agent-upserted', agent }, now);
  return engine.snapshot(now).agents;
}

/** The persisted snapshot, with the configured agents it does not hold yet at their starting status. */
export async function savedSnapshot(db: Kysely<Database>, configured: readonly AgentConfig[], now: number): Promise<ApiResult<EngineSnapshot>> {
  const snapshot = await persistedSnapshot(db);
  if (!snapshot.ok) return snapshot;
  const known = new Set(snapshot.value.agents.map((agent) => agent.id));
  const missing = startingSnapshots(configured.filter((agent) => !known.has(agent.id)), now);
  return ok({ ...snapshot.value, agents: [...snapshot.value.agents, ...missing] });
}

/** Writes the status the next controller restores for this agent. */
export async function saveAgentStatus(
  db: Kysely<Database>,
  agent: AgentConfig,
  status: AgentStatus,
  reason: string | null,
  now: number,
): Promise<ApiResult<AgentStatus>> {
  const at = new Date(now);
  const pauseReason = status === 'On Break' ? reason : null;
  try {
    await db
      .insertInto('agentLive')
      .values({
        agentId: agent.id,
        name: agent.name,
        type: agent.type,
        contact: agent.contact,
        status,
        pauseReason,
        state: 'Waiting',
        statusSince: at,
        stateSince: at,
        wrapUpUntil: null,
        callId: null,
        queue: null,
        callsAnswered: 0,
        talkSeconds: 0,
        noAnswerCount: 0,
        updatedAt: at,
      })
      .onConflict((conflict) => conflict.column('agentId').doUpdateSet({ status, pauseReason, statusSince: at, updatedAt: at }))
      .execute();
    return ok(status);
  } catch (error) {
    return failed(`save the status of agent ${agent.id}`, error);
  }
}
