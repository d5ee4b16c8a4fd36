// The one place configuration changes are checked and written: `queue|agent|tier add|set|delete`
// from the CLI and the API's config routes both come here. Each change merges the given fields
// onto the stored record (or the defaults), lets the engine's validator decide, and writes the
// whole record in one statement, so nothing half-made is ever stored.
import {
  defaultAgentConfig,
  defaultQueueConfig,
  validateAgentConfig,
  validateQueueConfig,
  validateTierConfig,
  type AgentConfig,
  type EngineError,
  type QueueConfig,
  type TierConfig,
} from '../engine/index.js';
import type { AgentFields, QueueFields, TierFields } from '../cli/config-fields.js';
import { parseContact } from '../freeswitch/originate-command.js';
import { apiError, fail, ok, type ApiError, type ApiResult } from './api-error.js';

/** Storage of one kind of record, as the store's repository offers it. */
export interface RecordStore<C, K> {
  list(): Promise<ApiResult<readonly C[]>>;
  /** null when absent. */
  get(key: K): Promise<ApiResult<C | null>>;
  /** Inserts; a conflict error when the key exists. */
  insert(record: C): Promise<ApiResult<C>>;
  /** Replaces; a not-found error when the key is absent. */
  update(record: C): Promise<ApiResult<C>>;
  /** Deletes; a not-found error when the key is absent. */
  remove(key: K): Promise<ApiResult<C>>;
}

export interface ConfigCollection<C, F, K> {
  list(): Promise<ApiResult<readonly C[]>>;
  get(key: K): Promise<ApiResult<C>>;
  add(key: K, fields: Partial<F>): Promise<ApiResult<C>>;
  set(key: K, fields: Partial<F>): Promise<ApiResult<C>>;
  remove(key: K): Promise<ApiResult<C>>;
}

export interface TierKey {
  readonly queue: string;
  readonly agentId: string;
}

export interface ConfigEditor {
  readonly queues: ConfigCollection<QueueConfig, QueueFields, string>;
  readonly agents: ConfigCollection<AgentConfig, AgentFields, string>;
  readonly tiers: ConfigCollection<TierConfig, TierFields, TierKey>;
}

interface CollectionRules<C, F, K> {
  /** "queue support", "agent 1000", "tier support/1000": for messages. */
  describe(key: K): string;
  /** The record a new key starts from, or why it cannot be made (a required field missing). */
  create(key: K, fields: Partial<F>): ApiResult<C>;
  validate(record: C): EngineError | null;
  /** How to fix "already exists" / "not found", e.g. "use `lineup queue set`". */
  readonly addHint: string;
  readonly findHint: string;
}

function invalid(error: EngineError): ApiError {
  return apiError('invalid', error.message, /field (\w+)/.exec(error.message)?.[1]);
}

/**
 * The engine's checks, then whether FreeSWITCH could ever dial the contact: refused here, when it is added,
 * changed or imported, rather than found out at ring time (where the agent would silently never ring).
 */
export function validateAgent(agent: AgentConfig): EngineError | null {
  const invalidConfig = validateAgentConfig(agent);
  if (invalidConfig !== null) return invalidConfig;
  const contact = parseContact(agent.contact);
  return contact.ok
    ? null
    : { code: 'invalid-config', message: `agent ${agent.id}: field contact is ${JSON.stringify(agent.contact)}, which FreeSWITCH can never dial: ${contact.problem}` };
}

/** Queue names and agent ids, as the schema allows them. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$/;

/** null when the identifier is allowed; otherwise the error naming the argument. */
export function checkIdentifier(value: string, what: string): ApiError | null {
  return IDENTIFIER.test(value)
    ? null
    : apiError('invalid', `invalid value ${JSON.stringify(value)} for ${what}: allowed 1-100 letters, digits, _ . @ -, starting with a letter or digit`, what);
}

export function configCollection<C, F, K>(
  stores: ConfigStores,
  select: (stores: ConfigStores) => RecordStore<C, K>,
  rules: CollectionRules<C, F, K>,
): ConfigCollection<C, F, K> {
  const notFound = (key: K): ApiError => apiError('not-found', `${rules.describe(key)} does not exist (${rules.findHint})`);
  /** Reads the record (locked until the change commits) and applies `change` to what was found. */
  const change = <T>(key: K, apply: (store: RecordStore<C, K>, existing: C | null) => Promise<ApiResult<T>>): Promise<ApiResult<T>> =>
    stores.transaction(async (tx) => {
      const store = select(tx);
      const existing = await store.get(key);
      return existing.ok ? apply(store, existing.value) : existing;
    });
  return {
    list: () => select(stores).list(),
    async get(key) {
      const found = await select(stores).get(key);
      if (!found.ok) return found;
      return found.value === null ? fail(notFound(key)) : ok(found.value);
    },
    add: (key, fields) =>
      change(key, async (store, existing) => {
        if (existing !== null) return fail(apiError('conflict', `${rules.describe(key)} already exists (${rules.addHint})`));
        const record = rules.create(key, fields);
        if (!record.ok) return record;
        const checked = rules.validate(record.value);
        return checked === null ? store.insert(record.value) : fail(invalid(checked));
      }),
    set: (key, fields) =>
      change(key, async (store, existing) => {
        if (existing === null) return fail(notFound(key));
        const record: C = { ...existing, ...fields };
        const checked = rules.validate(record);
        return checked === null ? store.update(record) : fail(invalid(checked));
      }),
    // Checked first: even a DELETE of nothing bumps the config version the controller watches.
    remove: (key) => change(key, async (store, existing) => (existing === null ? fail(notFound(key)) : store.remove(key))),
  };
}

export interface ConfigStores {
  readonly queues: RecordStore<QueueConfig, string>;
  readonly agents: RecordStore<AgentConfig, string>;
  readonly tiers: RecordStore<TierConfig, TierKey>;
  /** Runs `work` in one transaction (joins the current one when already in a transaction). */
  transaction<T>(work: (stores: ConfigStores) => Promise<T>): Promise<T>;
}

export function createConfigEditor(stores: ConfigStores): ConfigEditor {
  const queues = configCollection<QueueConfig, QueueFields, string>(stores, (tx) => tx.queues, {
    describe: (name) => `queue ${name}`,
    create: (name, fields) => {
      const refused = checkIdentifier(name, 'the queue name');
      return refused !== null ? fail(refused) : ok({ ...defaultQueueConfig(name), ...fields });
    },
    validate: validateQueueConfig,
    addHint: 'change it with `lineup queue set`',
    findHint: 'see `lineup queue list`',
  });
  const agents = configCollection<AgentConfig, AgentFields, string>(stores, (tx) => tx.agents, {
    describe: (id) => `agent ${id}`,
    create: (id, fields) => {
      const refused = checkIdentifier(id, 'the agent id');
      if (refused !== null) return fail(refused);
      return fields.contact === undefined
        ? fail(apiError('invalid', `agent ${id} needs a contact: give --contact DIALSTRING, e.g. user/1000`, 'contact'))
        : ok({ ...defaultAgentConfig(id, fields.contact), ...fields });
    },
    validate: validateAgent,
    addHint: 'change it with `lineup agent set`',
    findHint: 'see `lineup agent list`',
  });
  const tiers = configCollection<TierConfig, TierFields, TierKey>(stores, (tx) => tx.tiers, {
    describe: (key) => `tier ${key.queue}/${key.agentId}`,
    // mod_callcenter's default level and position are 1.
    create: (key, fields) => ok({ ...key, level: 1, position: 1, ...fields }),
    validate: validateTierConfig,
    addHint: 'change it with `lineup tier set`',
    findHint: 'see `lineup tier list`',
  });
  return {
    queues,
    agents,
    tiers: {
      ...tiers,
      // Both ends must exist: say which one is missing rather than a foreign-key failure.
      async add(key, fields) {
        const queue = await queues.get(key.queue);
        if (!queue.ok) return fail(queue.error);
        const agent = await agents.get(key.agentId);
        if (!agent.ok) return fail(agent.error);
        return tiers.add(key, fields);
      },
    },
  };
}

/** The tier (queue, agent), added at level 1, position 1 when missing: `agent login --queue`. */
export async function ensureTier(editor: ConfigEditor, queue: string, agentId: string): Promise<ApiResult<TierConfig>> {
  const existing = await editor.tiers.get({ queue, agentId });
  return existing.ok || existing.error.code !== 'not-found' ? existing : editor.tiers.add({ queue, agentId }, {});
}
