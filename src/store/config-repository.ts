// Queues, agents and tiers in Postgres, as the engine's QueueConfig / AgentConfig / TierConfig.
// Writes return ConfigResult: not-found, duplicate, or the constraint (and field) a value breaks.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AgentConfig, ExitKey, QueueConfig, TierConfig } from '../engine/index.js';
import { guardWrite, notFound, ok, type ConfigResult } from './config-errors.js';
import type { AgentsTable, Database, QueuesTable, TiersTable } from './schema.js';

function toQueue({ updatedAt, ...config }: Selectable<QueuesTable>): QueueConfig {
  return config;
}
function toAgent({ updatedAt, ...config }: Selectable<AgentsTable>): AgentConfig {
  return config;
}
function toTier({ updatedAt, ...config }: Selectable<TiersTable>): TierConfig {
  return config;
}
// Sent as text and cast in SQL: postgres.js would JSON-encode a string bound to a jsonb parameter again.
const queueValues = (queue: QueueConfig) => ({
  ...queue,
  exitKeys: sql<ExitKey[]>`${JSON.stringify(queue.exitKeys)}::text::jsonb`,
});

/** Turns "no row changed" into not-found. */
async function changed(result: Promise<ConfigResult<bigint>>, missing: string): Promise<ConfigResult<void>> {
  const outcome = await result;
  if (!outcome.ok) return outcome;
  return outcome.value > 0n ? ok(undefined) : notFound(missing);
}

export class ConfigRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction (joins the current one). Inside it, reads lock the rows they return. */
  transaction<T>(work: (repository: ConfigRepository) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this) : this.db.transaction().execute((trx) => work(new ConfigRepository(trx)));
  }

  /** Inside a transaction a read-modify-write must not lose a concurrent change: lock what is read. */
  private locking<Q extends { forUpdate(): Q }>(query: Q): Q {
    return this.db.isTransaction ? query.forUpdate() : query;
  }

  /** Bumped by every change to queues, agents or tiers: poll it to reload. */
  async version(): Promise<number> {
    const row = await this.db.selectFrom('configVersion').select('version').executeTakeFirstOrThrow();
    return Number(row.version);
  }

  async listQueues(): Promise<QueueConfig[]> {
    return (await this.db.selectFrom('queues').selectAll().orderBy('name').execute()).map(toQueue);
  }

  async getQueue(name: string): Promise<ConfigResult<QueueConfig>> {
    const row = await this.locking(this.db.selectFrom('queues').selectAll().where('name', '=', name)).executeTakeFirst();
    return row === undefined ? notFound(`queue ${name} does not exist`) : ok(toQueue(row));
  }

  insertQueue(queue: QueueConfig): Promise<ConfigResult<void>> {
    return guardWrite(`queue ${queue.name}`, async () => {
      await this.db.insertInto('queues').values(queueValues(queue)).execute();
    });
  }

  updateQueue(queue: QueueConfig): Promise<ConfigResult<void>> {
    const write = guardWrite(`queue ${queue.name}`, async () => {
      const result = await this.db.updateTable('queues').set({ ...queueValues(queue), updatedAt: new Date() })
        .where('name', '=', queue.name).executeTakeFirst();
      return result.numUpdatedRows;
    });
    return changed(write, `queue ${queue.name} does not exist`);
  }

  /** Also deletes the queue's tiers. */
  deleteQueue(name: string): Promise<ConfigResult<void>> {
    const write = guardWrite(`queue ${name}`, async () =>
      (await this.db.deleteFrom('queues').where('name', '=', name).executeTakeFirst()).numDeletedRows);
    return changed(write, `queue ${name} does not exist`);
  }

  async listAgents(): Promise<AgentConfig[]> {
    return (await this.db.selectFrom('agents').selectAll().orderBy('id').execute()).map(toAgent);
  }

  async getAgent(id: string): Promise<ConfigResult<AgentConfig>> {
    const row = await this.locking(this.db.selectFrom('agents').selectAll().where('id', '=', id)).executeTakeFirst();
    return row === undefined ? notFound(`agent ${id} does not exist`) : ok(toAgent(row));
  }

  insertAgent(agent: AgentConfig): Promise<ConfigResult<void>> {
    return guardWrite(`agent ${agent.id}`, async () => {
      await this.db.insertInto('agents').values(agent).execute();
    });
  }

  updateAgent(agent: AgentConfig): Promise<ConfigResult<void>> {
    const write = guardWrite(`agent ${agent.id}`, async () =>
      (await this.db.updateTable('agents').set({ ...agent, updatedAt: new Date() }).where('id', '=', agent.id).executeTakeFirst())
        .numUpdatedRows);
    return changed(write, `agent ${agent.id} does not exist`);
  }

  /** Also deletes the agent's tiers. */
  deleteAgent(id: string): Promise<ConfigResult<void>> {
    const write = guardWrite(`agent ${id}`, async () =>
      (await this.db.deleteFrom('agents').where('id', '=', id).executeTakeFirst()).numDeletedRows);
    return changed(write, `agent ${id} does not exist`);
  }

  async listTiers(queue?: string): Promise<TierConfig[]> {
    let query = this.db.selectFrom('tiers').selectAll();
    if (queue !== undefined) query = query.where('queue', '=', queue);
    return (await query.orderBy('queue').orderBy('level').orderBy('position').orderBy('agentId').execute()).map(toTier);
  }

  async getTier(queue: string, agentId: string): Promise<ConfigResult<TierConfig>> {
    const row = await this.locking(this.db.selectFrom('tiers').selectAll().where('queue', '=', queue).where('agentId', '=', agentId))
      .executeTakeFirst();
    return row === undefined ? notFound(`tier ${queue}/${agentId} does not exist`) : ok(toTier(row));
  }

  /** A tier naming a missing queue or agent is not-found. */
  insertTier(tier: TierConfig): Promise<ConfigResult<void>> {
    return guardWrite(`tier ${tier.queue}/${tier.agentId}`, async () => {
      await this.db.insertInto('tiers').values(tier).execute();
    });
  }

  updateTier(tier: TierConfig): Promise<ConfigResult<void>> {
    const write = guardWrite(`tier ${tier.queue}/${tier.agentId}`, async () =>
      (await this.db.updateTable('tiers').set({ level: tier.level, position: tier.position, updatedAt: new Date() })
        .where('queue', '=', tier.queue).where('agentId', '=', tier.agentId).executeTakeFirst()).numUpdatedRows);
    return changed(write, `tier ${tier.queue}/${tier.agentId} does not exist`);
  }

  deleteTier(queue: string, agentId: string): Promise<ConfigResult<void>> {
    const write = guardWrite(`tier ${queue}/${agentId}`, async () =>
      (await this.db.deleteFrom('tiers').where('queue', '=', queue).where('agentId', '=', agentId).executeTakeFirst()).numDeletedRows);
    return changed(write, `tier ${queue}/${agentId} does not exist`);
  }
}
