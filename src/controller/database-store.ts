// The controller's two uses of Postgres besides the event log: reading the configuration (and the
// statuses to restore at start), and mirroring the live state into agent_live / caller_live.
import { AGENT_STATUSES, type AgentStatus } from '../engine/index.js';
import { ConfigRepository } from '../store/config-repository.js';
import type { LineupDatabase } from '../store/database.js';
import type { ConfigTables } from './config-diff.js';
import type { ConfigSource, SavedStatus } from './config-sync.js';
import type { LiveStateChanges } from './live-state-diff.js';
import type { LiveStateSink } from './live-state-sync.js';

/** Rows (or ids) per statement: far below Postgres' 65,535 parameters per statement. */
const ROWS_PER_STATEMENT = 1_000;

function chunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) result.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  return result;
}

export function databaseConfigSource(database: LineupDatabase): ConfigSource {
  const repository = new ConfigRepository(database.db);
  return {
    version: async () => String(await repository.version()),
    async read(): Promise<ConfigTables> {
      const [queues, agents, tiers] = await Promise.all([repository.listQueues(), repository.listAgents(), repository.listTiers()]);
      return { queues, agents, tiers };
    },
    async savedStatuses() {
      const rows = await database.db.selectFrom('agentLive').select(['agentId', 'status', 'pauseReason']).execute();
      const saved = new Map<string, SavedStatus>();
      for (const row of rows) {
        if ((AGENT_STATUSES as readonly string[]).includes(row.status)) {
          saved.set(row.agentId, { status: row.status as AgentStatus, pauseReason: row.pauseReason });
        }
      }
      return saved;
    },
  };
}

export function databaseLiveState(database: LineupDatabase): LiveStateSink {
  return {
    async apply(changes: LiveStateChanges, at: number) {
      const updatedAt = new Date(at);
      const stamp = (ms: number): Date => new Date(ms);
      await database.db.transaction().execute(async (trx) => {
        // Delete and insert rather than upsert: the key is (call_id, queue), and a call may change queue.
        const rewritten = [...changes.goneCallIds, ...changes.members.map((member) => member.callId)];
        if (changes.full) await trx.deleteFrom('callerLive').execute();
        else for (const ids of chunks(rewritten)) await trx.deleteFrom('callerLive').where('callId', 'in', ids).execute();
        for (const rows of chunks(changes.members)) {
          await trx
            .insertInto('callerLive')
            .values(
              rows.map((member) => ({
                callId: member.callId,
                queue: member.queue,
                callerIdNumber: member.callerIdNumber,
                callerIdName: member.callerIdName,
                priority: member.priority,
                joinedAt: stamp(member.joinedAt),
                position: member.position,
                state: member.state,
                agentId: member.agentId,
                ringingAgentIds: [...member.ringingAgentIds],
                updatedAt,
              })),
            )
            .execute();
        }
        if (changes.full) {
          const known = changes.agents.map((agent) => agent.id);
          if (known.length === 0) await trx.deleteFrom('agentLive').execute();
          else await trx.deleteFrom('agentLive').where('agentId', 'not in', known).execute();
        } else {
          for (const ids of chunks(changes.goneAgentIds)) await trx.deleteFrom('agentLive').where('agentId', 'in', ids).execute();
        }
        for (const rows of chunks(changes.agents)) {
          await trx
            .insertInto('agentLive')
            .values(
              rows.map((agent) => ({
                agentId: agent.id,
                name: agent.name,
                type: agent.type,
                contact: agent.contact,
                status: agent.status,
                pauseReason: agent.pauseReason,
                state: agent.state,
                statusSince: stamp(agent.statusSince),
                stateSince: stamp(agent.stateSince),
                wrapUpUntil: agent.wrapUpUntil === null ? null : stamp(agent.wrapUpUntil),
                callId: agent.callId,
                queue: agent.queue,
                callsAnswered: agent.callsAnswered,
                talkSeconds: agent.talkSeconds,
                noAnswerCount: agent.noAnswerCount,
                updatedAt,
              })),
            )
            .onConflict((conflict) =>
              conflict.column('agentId').doUpdateSet((eb) => ({
                name: eb.ref('excluded.name'),
                type: eb.ref('excluded.type'),
                contact: eb.ref('excluded.contact'),
                status: eb.ref('excluded.status'),
                pauseReason: eb.ref('excluded.pauseReason'),
                state: eb.ref('excluded.state'),
                statusSince: eb.ref('excluded.statusSince'),
                stateSince: eb.ref('excluded.stateSince'),
                wrapUpUntil: eb.ref('excluded.wrapUpUntil'),
                callId: eb.ref('excluded.callId'),
                queue: eb.ref('excluded.queue'),
                callsAnswered: eb.ref('excluded.callsAnswered'),
                talkSeconds: eb.ref('excluded.talkSeconds'),
                noAnswerCount: eb.ref('excluded.noAnswerCount'),
                updatedAt: eb.ref('excluded.updatedAt'),
              })),
            )
            .execute();
        }
      });
    },
  };
}
