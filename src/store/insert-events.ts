// One statement per batch: rows go in through unnest() (7 parameters whatever the batch size,
// no COPY, so it also works on PGlite), in batch order so the identity ids follow acceptance
// order; an event id already present is skipped, so a replay is harmless.
import type postgres from 'postgres';
import type { StoredEvent } from './stored-event.js';

export async function insertEvents(sql: postgres.Sql, batch: readonly StoredEvent[]): Promise<void> {
  if (batch.length === 0) return;
  const ids: string[] = [];
  const ats: string[] = [];
  const callIds: (string | null)[] = [];
  const queues: (string | null)[] = [];
  const agentIds: (string | null)[] = [];
  const types: string[] = [];
  const data: string[] = [];
  for (const { eventId, event } of batch) {
    ids.push(eventId);
    ats.push(String(Math.round(event.at)));
    callIds.push(event.callId);
    queues.push(event.queue);
    agentIds.push(event.agentId);
    types.push(event.type);
    data.push(JSON.stringify(event.data));
  }
  await sql`
    insert into queue_events (event_id, at, call_id, queue, agent_id, event, data)
    select r.event_id, timestamptz 'epoch' + r.at_ms * interval '1 millisecond',
           r.call_id, r.queue, r.agent_id, r.event, r.data::jsonb
    from unnest(${sql.array(ids)}::uuid[], ${sql.array(ats)}::bigint[], ${sql.array(callIds)}::text[],
                ${sql.array(queues)}::text[], ${sql.array(agentIds)}::text[], ${sql.array(types)}::text[],
                ${sql.array(data)}::text[])
         with ordinality as r(event_id, at_ms, call_id, queue, agent_id, event, data, ord)
    order by r.ord
    on conflict (event_id) do nothing`;
}
