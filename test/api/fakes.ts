// Test doubles for the control API: a ControlPlane over a real Engine (so status changes produce
// the real events), and in-memory record stores behind the real ConfigEditor.
import { apiError, fail, ok, type ApiResult } from '../../src/api/api-error.js';
import { createConfigEditor, type ConfigEditor, type ConfigStores, type RecordStore, type TierKey } from '../../src/api/config-editor.js';
import type { ApiStore } from '../../src/api/server.js';
import type { TodayFigures } from '../../src/api/status-report.js';
import type { ControlPlane, LiveUpdate } from '../../src/controller/control-plane.js';
import { Engine, type AgentConfig, type Input, type QueueConfig, type TierConfig } from '../../src/engine/index.js';

export class EngineControlPlane implements ControlPlane {
  readonly engine = new Engine();
  private readonly listeners = new Set<(update: LiveUpdate) => void>();

  constructor(private readonly clock: () => number) {}

  submit(input: Input) {
    const outcome = this.engine.handle(input, this.clock());
    for (const event of outcome.events) this.publish({ kind: 'event', event });
    if (outcome.error === null) this.publish({ kind: 'state', snapshot: this.snapshot() });
    return outcome.error;
  }

  private publish(update: LiveUpdate): void {
    for (const listener of this.listeners) listener(update);
  }

  setAgentStatus: ControlPlane['setAgentStatus'] = (request) =>
    this.submit({ kind: 'agent-status-set', agentId: request.agentId, status: request.status, reason: request.reason ?? null, source: request.source });
  agentReady: ControlPlane['agentReady'] = (agentId) => this.submit({ kind: 'agent-ready', agentId });
  requestCall: ControlPlane['requestCall'] = (agentId, callId) =>
    this.submit({ kind: 'agent-request-call', agentId, ...(callId !== undefined ? { callId } : {}) });
  snapshot = () => this.engine.snapshot(this.clock());
  subscribe(listener: (update: LiveUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  get subscribers(): number {
    return this.listeners.size;
  }
}

export function memoryStore<C, K>(keyOf: (record: C) => K): RecordStore<C, K> & { readonly records: Map<string, C> } {
  const records = new Map<string, C>();
  const id = (key: K): string => (typeof key === 'string' ? key : JSON.stringify(key));
  return {
    records,
    list: async () => ok([...records.values()]),
    get: async (key) => ok(records.get(id(key)) ?? null),
    async insert(record) {
      if (records.has(id(keyOf(record)))) return fail(apiError('conflict', 'exists'));
      records.set(id(keyOf(record)), record);
      return ok(record);
    },
    async update(record) {
      if (!records.has(id(keyOf(record)))) return fail(apiError('not-found', 'absent'));
      records.set(id(keyOf(record)), record);
      return ok(record);
    },
    async remove(key) {
      const record = records.get(id(key));
      if (record === undefined) return fail(apiError('not-found', `${id(key)} does not exist`));
      records.delete(id(key));
      return ok(record);
    },
  };
}

export interface MemoryApiStore extends ApiStore {
  readonly queues: Map<string, QueueConfig>;
  readonly agents: Map<string, AgentConfig>;
  readonly tiers: Map<string, TierConfig>;
}

export function memoryApiStore(figures: ReadonlyMap<string, TodayFigures> = new Map()): MemoryApiStore {
  const queues = memoryStore<QueueConfig, string>((q) => q.name);
  const agents = memoryStore<AgentConfig, string>((a) => a.id);
  const tiers = memoryStore<TierConfig, TierKey>((t) => ({ queue: t.queue, agentId: t.agentId }));
  const stores: ConfigStores = { queues, agents, tiers, transaction: (work) => work(stores) };
  const config: ConfigEditor = createConfigEditor(stores);
  return {
    config,
    todayFigures: async (): Promise<ApiResult<ReadonlyMap<string, TodayFigures>>> => ok(figures),
    queues: queues.records,
    agents: agents.records,
    tiers: tiers.records,
  };
}
