// Writes an import plan in one transaction: every queue, agent and tier of the file is added or
// replaced, or nothing is (the first refusal rolls everything back).
import type { Kysely } from 'kysely';
import type { ApiError, ApiResult } from '../api/api-error.js';
import { createConfigEditor, type ConfigCollection } from '../api/config-editor.js';
import { saveAgentStatus } from '../api/persisted-state.js';
import { configStores } from '../api/config-store.js';
import type { Database } from '../store/schema.js';
import type { ImportPlan } from './mod-callcenter.js';

export interface ImportCounts {
  readonly added: number;
  readonly replaced: number;
}

export interface ImportSummary {
  readonly queues: ImportCounts;
  readonly agents: ImportCounts;
  readonly tiers: ImportCounts;
  readonly statuses: number;
}

/** Thrown inside the transaction to roll it back, caught outside. */
class Refused extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

function check<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Refused(result.error);
  return result.value;
}

async function upsertAll<C, F, K>(
  collection: ConfigCollection<C, F, K>,
  records: readonly C[],
  keyOf: (record: C) => K,
  fieldsOf: (record: C) => Partial<F>,
): Promise<ImportCounts> {
  let added = 0;
  for (const record of records) {
    const existing = await collection.get(keyOf(record));
    if (existing.ok) check(await collection.set(keyOf(record), fieldsOf(record)));
    else if (existing.error.code === 'not-found') {
      check(await collection.add(keyOf(record), fieldsOf(record)));
      added += 1;
    } else check(existing);
  }
  return { added, replaced: records.length - added };
}

export async function applyImport(db: Kysely<Database>, plan: ImportPlan, now: number): Promise<ApiResult<ImportSummary>> {
  try {
    const summary = await db.transaction().execute(async (trx) => {
      const editor = createConfigEditor(configStores(trx));
      const queues = await upsertAll(editor.queues, plan.queues, (q) => q.name, ({ name: _name, ...fields }) => fields);
      const agents = await upsertAll(editor.agents, plan.agents.map((a) => a.config), (a) => a.id, ({ id: _id, ...fields }) => fields);
      const tiers = await upsertAll(
        editor.tiers,
        plan.tiers,
        (t) => ({ queue: t.queue, agentId: t.agentId }),
        (t) => ({ level: t.level, position: t.position }),
      );
      let statuses = 0;
      for (const agent of plan.agents) {
        if (agent.status === null) continue;
        check(await saveAgentStatus(trx, agent.config, agent.status, null, now));
        statuses += 1;
      }
      return { queues, agents, tiers, statuses };
    });
    return { ok: true, value: summary };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.error };
    throw error;
  }
}
