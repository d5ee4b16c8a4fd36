// Keeps the engine's configuration equal to the tables: a full read at start (restoring each
// agent's saved status silently), then a cheap version poll; a changed version triggers a read and
// the diff goes to the engine as inputs. Polling, not NOTIFY: the embedded PGlite has no NOTIFY.
import type { AgentConfig, AgentStatus, QueueConfig } from '../engine/index.js';
import type { Logger } from '../log.js';
import { configChanges, EMPTY_CONFIG, type ConfigTables } from './config-diff.js';
import type { EngineHost } from './engine-host.js';

export interface SavedStatus {
  readonly status: AgentStatus;
  readonly pauseReason: string | null;
}

export interface ConfigSource {
  /** Changes whenever a configuration table changes. */
  version(): Promise<string>;
  read(): Promise<ConfigTables>;
  /** Statuses a previous controller (or the CLI while none ran) saved, to restore at start. */
  savedStatuses(): Promise<ReadonlyMap<string, SavedStatus>>;
}

const POLL_INTERVAL_MS = 500;

export class ConfigSync {
  #applied: ConfigTables = EMPTY_CONFIG;
  #version: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #polling = false;

  constructor(
    private readonly source: ConfigSource,
    private readonly host: EngineHost,
    private readonly logger: Logger,
  ) {}

  /** Loads everything once; rejects when the database cannot be read (the controller cannot start). */
  async start(): Promise<void> {
    const [version, tables, saved] = await Promise.all([this.source.version(), this.source.read(), this.source.savedStatuses()]);
    for (const input of configChanges(EMPTY_CONFIG, tables)) {
      if (input.kind === 'agent-upserted') {
        const restored = saved.get(input.agent.id);
        this.host.submit({ ...input, restoreStatus: restored?.status, restorePauseReason: restored?.pauseReason ?? null });
      } else {
        this.host.submit(input);
      }
    }
    this.#applied = tables;
    this.#version = version;
    this.logger.info({ queues: tables.queues.length, agents: tables.agents.length, tiers: tables.tiers.length }, 'configuration loaded');
    this.#timer = setInterval(() => void this.poll(), POLL_INTERVAL_MS);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  get queues(): readonly QueueConfig[] {
    return this.#applied.queues;
  }

  get agents(): readonly AgentConfig[] {
    return this.#applied.agents;
  }

  /** The queue a call is for: by name (lineup_queue), else by the dialed number. */
  queueFor(name: string | undefined, destinationNumber: string): QueueConfig | undefined {
    if (name !== undefined && name !== '') return this.#applied.queues.find((queue) => queue.name === name);
    return this.#applied.queues.find((queue) => queue.extension !== null && queue.extension === destinationNumber);
  }

  async poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const version = await this.source.version();
      if (version === this.#version) return;
      const tables = await this.source.read();
      const inputs = configChanges(this.#applied, tables);
      for (const input of inputs) this.host.submit(input);
      this.#applied = tables;
      this.#version = version;
      this.logger.info({ version, changes: inputs.length }, 'configuration change applied');
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot read the configuration; retrying');
    } finally {
      this.#polling = false;
    }
  }
}
