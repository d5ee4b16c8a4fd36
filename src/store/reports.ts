// The four reports of `lineup report`, over the SQL in sql/0004_reporting.sql. Rows keep the SQL
// column names (snake_case), as an operator querying the database sees them.
import type postgres from 'postgres';
import type { EventType } from '../engine/index.js';

export const REPORT_KINDS = ['events', 'calls', 'queues', 'agents'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_INTERVALS = { '15m': '15 minutes', hour: '1 hour', day: '1 day', period: null } as const;
export type ReportInterval = keyof typeof REPORT_INTERVALS;

export interface ReportQuery {
  readonly from: Date;
  readonly to: Date;
  readonly queues: readonly string[];
  readonly agents: readonly string[];
  readonly events: readonly EventType[];
  readonly callIds: readonly string[];
  readonly slThresholdSeconds: number;
  readonly shortAbandonSeconds: number;
  readonly interval: ReportInterval;
  /** IANA zone the day buckets are aligned on. */
  readonly timeZone: string;
}

export type ReportRow = Record<string, unknown>;

export interface ReportResult {
  /** Column names in SQL order, also when there are no rows. */
  readonly columns: readonly string[];
  readonly rows: readonly ReportRow[];
}

export async function runReport(sql: postgres.Sql, kind: ReportKind, q: ReportQuery): Promise<ReportResult> {
  const result = await reportQuery(sql, kind, q);
  return { columns: result.columns.map((column) => column.name), rows: [...result] };
}

function reportQuery(sql: postgres.Sql, kind: ReportKind, q: ReportQuery): postgres.PendingQuery<postgres.Row[]> {
  const inList = (column: string, values: readonly string[]): postgres.PendingQuery<postgres.Row[]> =>
    values.length === 0 ? sql`` : sql`and ${sql(column)} in ${sql([...values])}`;
  switch (kind) {
    case 'events':
      return sql`
        select id, at, call_id, queue, agent_id, event, data from queue_events
        where at >= ${q.from} and at < ${q.to}
          ${inList('queue', q.queues)} ${inList('agent_id', q.agents)}
          ${inList('event', q.events)} ${inList('call_id', q.callIds)}
        order by id`;
    case 'calls':
      return sql`
        select * from report_calls(${q.from}, ${q.to})
        where true ${inList('queue', q.queues)} ${inList('agent_id', q.agents)} ${inList('call_id', q.callIds)}`;
    case 'queues':
      return sql`
        select * from report_queues(${q.from}, ${q.to}, ${REPORT_INTERVALS[q.interval]}::interval,
          ${q.slThresholdSeconds}, ${q.shortAbandonSeconds}, ${q.timeZone})
        where true ${inList('queue', q.queues)}`;
    case 'agents':
      return sql`select * from report_agents(${q.from}, ${q.to}) where true ${inList('agent_id', q.agents)}`;
  }
}

/** Names neither configured nor ever seen in the log: a filter on them is a typo. */
export async function unknownNames(sql: postgres.Sql, kind: 'queue' | 'agent', names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows =
    kind === 'queue'
      ? await sql<{ name: string }[]>`
          select n as name from unnest(${sql.array([...names])}::text[]) n
          where not exists (select 1 from queues where name = n)
            and not exists (select 1 from queue_events where queue = n)`
      : await sql<{ name: string }[]>`
          select n as name from unnest(${sql.array([...names])}::text[]) n
          where not exists (select 1 from agents where id = n)
            and not exists (select 1 from queue_events where agent_id = n)`;
  return rows.map((row) => row.name);
}
