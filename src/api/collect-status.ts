// Gathers what a status report needs from the store (queues, tiers, today's figures) around a
// snapshot: the controller's live one for GET /status, the persisted one for `lineup status`
// without a controller.
import type { EngineSnapshot } from '../engine/index.js';
import { ok, type ApiResult } from './api-error.js';
import type { ApiStore } from './server.js';
import { buildStatusReport, type StatusReport } from './status-report.js';

export interface CollectOptions {
  readonly now: number;
  readonly serviceLevelSeconds: number;
  readonly live: boolean;
}

export async function collectStatus(store: ApiStore, snapshot: EngineSnapshot, options: CollectOptions): Promise<ApiResult<StatusReport>> {
  const [queues, tiers, today] = await Promise.all([
    store.config.queues.list(),
    store.config.tiers.list(),
    store.todayFigures(options.now, options.serviceLevelSeconds),
  ]);
  if (!queues.ok) return queues;
  if (!tiers.ok) return tiers;
  if (!today.ok) return today;
  return ok(
    buildStatusReport({
      snapshot,
      queues: queues.value.map((queue) => queue.name),
      tiers: tiers.value,
      today: today.value,
      ...options,
    }),
  );
}
