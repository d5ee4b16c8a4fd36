// The ConfigEditor's storage: the store's ConfigRepository, with its results as API results. Each
// change runs in one transaction whose reads lock the rows, so two concurrent `set`s cannot lose
// one another's fields.
import type { AgentConfig, QueueConfig, TierConfig } from '../engine/index.js';
import type { ConfigError, ConfigResult } from '../store/config-errors.js';
import { ConfigRepository } from '../store/config-repository.js';
import type { LineupDatabase } from '../store/database.js';
import type { Database } from '../store/schema.js';
import type { Kysely } from 'kysely';
import { apiError, fail, ok, type ApiError, type ApiResult } from './api-error.js';
import { createConfigEditor, type ConfigEditor, type ConfigStores, type RecordStore, type TierKey } from './config-editor.js';
import type { ApiStore } from './server.js';
import { todayFigures } from './today-figures.js';

function toApiError(error: ConfigError): ApiError {
  switch (error.kind) {
    case 'not-found':
      return apiError('not-found', error.message);
    case 'duplicate':
      return apiError('conflict', error.message);
    case 'constraint':
      return error.field === null ? apiError('invalid', error.message) : apiError('invalid', error.message, error.field);
  }
}

/** A database failure (not a refused value) as an API error instead of an exception. */
async function guarded<T>(what: string, run: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  try {
    return await run();
  } catch (error) {
    return fail(apiError('failed', `cannot ${what}: ${error instanceof Error ? error.message : String(error)}`));
  }
}

function written<C>(result: ConfigResult<void>, record: C): ApiResult<C> {
  return result.ok ? ok(record) : fail(toApiError(result.error));
}

function found<C>(result: ConfigResult<C>): ApiResult<C | null> {
  if (result.ok) return ok(result.value);
  return result.error.kind === 'not-found' ? ok(null) : fail(toApiError(result.error));
}

interface RepositoryOf<C, K> {
  list(): Promise<C[]>;
  get(key: K): Promise<ConfigResult<C>>;
  insert(record: C): Promise<ConfigResult<void>>;
  update(record: C): Promise<ConfigResult<void>>;
  remove(key: K): Promise<ConfigResult<void>>;
}

function recordStore<C, K>(kind: string, repository: RepositoryOf<C, K>): RecordStore<C, K> {
  return {
    list: () => guarded(`list ${kind}s`, async () => ok(await repository.list())),
    get: (key) => guarded(`read a ${kind}`, async () => found(await repository.get(key))),
    insert: (record) => guarded(`add a ${kind}`, async () => written(await repository.insert(record), record)),
    update: (record) => guarded(`change a ${kind}`, async () => written(await repository.update(record), record)),
    remove: (key) =>
      guarded(`delete a ${kind}`, async () => {
        const existing = await repository.get(key);
        if (!existing.ok) return fail(toApiError(existing.error));
        return written(await repository.remove(key), existing.value);
      }),
  };
}

function storesOver(repository: ConfigRepository): ConfigStores {
  return {
    queues: recordStore<QueueConfig, string>('queue', {
      list: () => repository.listQueues(),
      get: (name) => repository.getQueue(name),
      insert: (queue) => repository.insertQueue(queue),
      update: (queue) => repository.updateQueue(queue),
      remove: (name) => repository.deleteQueue(name),
    }),
    agents: recordStore<AgentConfig, string>('agent', {
      list: () => repository.listAgents(),
      get: (id) => repository.getAgent(id),
      insert: (agent) => repository.insertAgent(agent),
      update: (agent) => repository.updateAgent(agent),
      remove: (id) => repository.deleteAgent(id),
    }),
    tiers: recordStore<TierConfig, TierKey>('tier', {
      list: () => repository.listTiers(),
      get: (key) => repository.getTier(key.queue, key.agentId),
      insert: (tier) => repository.insertTier(tier),
      update: (tier) => repository.updateTier(tier),
      remove: (key) => repository.deleteTier(key.queue, key.agentId),
    }),
    transaction: (work) => repository.transaction((inTransaction) => work(storesOver(inTransaction))),
  };
}

export function configStores(db: Kysely<Database>): ConfigStores {
  return storesOver(new ConfigRepository(db));
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
