// The live tables (agent_live, caller_live) replaced from an engine snapshot in one transaction:
// readers see the state of one instant, never a mix. The controller calls it debounced.
import type { Kysely } from 'kysely';
import type { EngineSnapshot } from '../engine/index.js';
import type { Database } from './schema.js';

const at = (ms: number): Date => new Date(ms);

export async function replaceLiveState(db: Kysely<Database>, snapshot: EngineSnapshot, now: number): Promise<void> {
  const updatedAt = at(now);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('agentLive').execute();
    await tx.deleteFrom('callerLive').execute();
    if (snapshot.agents.length > 0) {
      await tx.insertInto('agentLive').values(snapshot.agents.map((agent) => ({
        agentId: agent.id,
        name: agent.name,
        type: agent.type,
        contact: agent.contact,
        status: agent.status,
        pauseReason: agent.pauseReason,
        state: agent.state,
        statusSince: at(agent.statusSince),
        stateSince: at(agent.stateSince),
        wrapUpUntil: agent.wrapUpUntil === null ? null : at(agent.wrapUpUntil),
        callId: agent.callId,
        queue: agent.queue,
        callsAnswered: agent.callsAnswered,
        talkSeconds: agent.talkSeconds,
        noAnswerCount: agent.noAnswerCount,
        updatedAt,
      }))).execute();
    }
    if (snapshot.members.length > 0) {
      await tx.insertInto('callerLive').values(snapshot.members.map((member) => ({
        callId: member.callId,
        queue: member.queue,
        callerIdNumber: member.callerIdNumber,
        callerIdName: member.callerIdName,
        priority: member.priority,
        joinedAt: at(member.joinedAt),
        position: member.position,
        state: member.state,
        agentId: member.agentId,
        ringingAgentIds: [...member.ringingAgentIds],
        updatedAt,
      }))).execute();
    }
  });
}
