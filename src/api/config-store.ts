// The ConfigEditor over Lineup's Postgres tables (queues, agents, tiers): each change reads the
// record FOR UPDATE and writes it in one transaction, so two concurrent `set`s cannot lose one
// another's fields; database refusals come back as typed API errors.
// TODO(store): delegate to the store's config repository once it lands.
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { apiError, fail, ok, type ApiResult } from './api-error.js';
import { createConfigEditor, type ConfigEditor, type ConfigStores, type RecordStore, type TierKey } from './config-editor.js';
import type { AgentConfig, QueueConfig, TierConfig } from '../engine/index.js';
import type { LineupDatabase } from '../store/database.js';
import type { ApiStore } from './server.js';
import { todayFigures } from './today-figures.js';
import type { AgentsTable, Database, QueuesTable, TiersTable } from '../store/schema.js';

/** Postgres error codes (SQLSTATE) we turn into API errors. */
const SQLSTATE: Readonly<Record<string, 'conflict' | 'invalid' | 'not-found'>> = {
  '23505': 'conflict', // unique_violation
  '23514': 'invalid', // check_violation
  '23503': 'not-found', // foreign_key_violation
};

async function attempt<T>(what: string, run: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return ok(await run());
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const kind = typeof code === 'string' ? SQLSTATE[code] : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return fail(apiError(kind ?? 'failed', `cannot ${what}: ${message}`));
  }
}

function queueOf(row: Selectable<QueuesTable>): QueueConfig {
  const { updatedAt: _updatedAt, ...config } = row;
  return config as QueueConfig;
}

function agentOf(row: Selectable<AgentsTable>): AgentConfig {
  const { updatedAt: _updatedAt, ...config } = row;
  return config as AgentConfig;
}

function tierOf(row: Selectable<TiersTable>): TierConfig {
  return { queue: row.queue, agentId: row.agentId, level: row.level, position: row.position };
}

function queueRow(queue: QueueConfig): Omit<Selectable<QueuesTable>, 'updatedAt' | 'exitKeys'> & { exitKeys: RawBuilder<string> } {
  // Sent as text and cast: postgres.js would JSON-encode a string bound to a jsonb parameter again.
  return { ...queue, exitKeys: sql<string>`cast(${JSON.stringify(queue.exitKeys)} as text)::jsonb` };
}

function queueStore(db: Kysely<Database>): RecordStore<QueueConfig, string> {
  return {
    list: () => attempt('list queues', async () => (await db.selectFrom('queues').selectAll().orderBy('name').execute()).map(queueOf)),
    get: (name) =>
      attempt(`read queue ${name}`, async () => {
        const row = await db.selectFrom('queues').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
        return row === undefined ? null : queueOf(row);
      }),
    insert: (queue) =>
      attempt(`add queue ${queue.name}`, async () => queueOf(await db.insertInto('queues').values(queueRow(queue)).returningAll().executeTakeFirstOrThrow())),
    update: (queue) =>
      attempt(`change queue ${queue.name}`, async () =>
        queueOf(await db.updateTable('queues').set({ ...queueRow(queue), updatedAt: new Date() }).where('name', '=', queue.name).returningAll().executeTakeFirstOrThrow()),
      ),
    remove: (name) => removed(`queue ${name}`, () => db.deleteFrom('queues').where('name', '=', name).returningAll().executeTakeFirst(), queueOf),
  };
}

function agentStore(db: Kysely<Database>): RecordStore<AgentConfig, string> {
  return {
    list: () => attempt('list agents', async () => (await db.selectFrom('agents').selectAll().orderBy('id').execute()).map(agentOf)),
    get: (id) =>
      attempt(`read agent ${id}`, async () => {
        const row = await db.selectFrom('agents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        return row === undefined ? null : agentOf(row);
      }),
    insert: (agent) => attempt(`add agent ${agent.id}`, async () => agentOf(await db.insertInto('agents').values(agent).returningAll().executeTakeFirstOrThrow())),
    update: (agent) =>
      attempt(`change agent ${agent.id}`, async () =>
        agentOf(await db.updateTable('agents').set({ ...agent, updatedAt: new Date() }).where('id', '=', agent.id).returningAll().executeTakeFirstOrThrow()),
      ),
    remove: (id) => removed(`agent ${id}`, () => db.deleteFrom('agents').where('id', '=', id).returningAll().executeTakeFirst(), agentOf),
  };
}

function tierStore(db: Kysely<Database>): RecordStore<TierConfig, TierKey> {
  return {
    list: () =>
      attempt('list tiers', async () =>
        (await db.selectFrom('tiers').selectAll().orderBy('queue').orderBy('level').orderBy('position').orderBy('agentId').execute()).map(tierOf),
      ),
    get: (key) =>
      attempt(`read tier ${key.queue}/${key.agentId}`, async () => {
        const row = await db.selectFrom('tiers').selectAll().where('queue', '=', key.queue).where('agentId', '=', key.agentId).forUpdate().executeTakeFirst();
        return row === undefined ? null : tierOf(row);
      }),
    insert: (tier) => attempt(`add tier ${tier.queue}/${tier.agentId}`, async () => tierOf(await db.insertInto('tiers').values(tier).returningAll().executeTakeFirstOrThrow())),
    update: (tier) =>
      attempt(`change tier ${tier.queue}/${tier.agentId}`, async () =>
        tierOf(
          await db
            .updateTable('tiers')
            .set({ level: tier.level, position: tier.position, updatedAt: new Date() })
            .where('queue', '=', tier.queue)
            .where('agentId', '=', tier.agentId)
            .returningAll()
            .executeTakeFirstOrThrow(),
        ),
      ),
    remove: (key) =>
      removed(
        `tier ${key.queue}/${key.agentId}`,
        () => db.deleteFrom('tiers').where('queue', '=', key.queue).where('agentId', '=', key.agentId).returningAll().executeTakeFirst(),
        tierOf,
      ),
  };
}

async function removed<R, C>(what: string, run: () => Promise<R | undefined>, convert: (row: R) => C): Promise<ApiResult<C>> {
  const result = await attempt(`delete ${what}`, run);
  if (!result.ok) return result;
  return result.value === undefined ? fail(apiError('not-found', `${what} does not exist`)) : ok(convert(result.value));
}

export function configStores(db: Kysely<Database>): ConfigStores {
  const stores: ConfigStores = {
    queues: queueStore(db),
    agents: agentStore(db),
    tiers: tierStore(db),
    transaction: (work) => (db.isTransaction ? work(stores) : db.transaction().execute((trx) => work(configStores(trx)))),
  };
  return stores;
}

export function openConfigEditor(database: LineupDatabase): ConfigEditor {
  return createConfigEditor(configStores(database.db));
}

/** What the API server needs from a Lineup database: config edits and today's figures. */
export function databaseApiStore(database: LineupDatabase): ApiStore {
  return {
    config: openConfigEditor(database),
    todayFigures: (now, serviceLevelSeconds) => todayFigures(database.db, now, serviceLevelSeconds),
  };
}
