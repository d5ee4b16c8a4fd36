// Today's per-queue figures (offered, answered, abandoned, service level) from the event log,
// through the store's report_queues() SQL function. "Today" starts at local midnight.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { apiError, fail, ok, type ApiResult } from './api-error.js';
import type { TodayFigures } from './status-report.js';

interface FiguresRow {
  queue: string;
  offered: string;
  answered: string;
  abandoned: string;
  slAnsweredPct: string | null;
}

export async function todayFigures(
  db: Kysely<Database>,
  now: number,
  serviceLevelSeconds: number,
  timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone,
): Promise<ApiResult<ReadonlyMap<string, TodayFigures>>> {
  const at = new Date(now).toISOString();
  try {
    const result = await sql<FiguresRow>`
      select queue, offered, answered, abandoned, sl_answered_pct
      from report_queues(date_trunc('day', ${at}::timestamptz, ${timeZone}), ${at}::timestamptz, null,
                         ${serviceLevelSeconds}, 0, ${timeZone})`.execute(db);
    return ok(
      new Map(
        result.rows.map((row) => [
          row.queue,
          {
            offered: Number(row.offered),
            answered: Number(row.answered),
            abandoned: Number(row.abandoned),
            serviceLevelPct: row.slAnsweredPct === null ? null : Number(row.slAnsweredPct),
          },
        ]),
      ),
    );
  } catch (error) {
    return fail(apiError('failed', `cannot read today's figures from the event log: ${error instanceof Error ? error.message : String(error)}`));
  }
}
