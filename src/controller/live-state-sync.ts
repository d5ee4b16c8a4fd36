// Mirrors the engine's live state into Postgres (who is waiting, who is logged in) without ever
// holding up routing: each input only notes the rows it touched (touchedBy); one write at a time, at
// most every WRITE_INTERVAL_MS, reads those rows again and writes the ones that differ from the last
// successful write. The first write replaces the tables whole. A failed write is retried next round
// with the same rows. So the cost of a write follows what changed, not how many agents and callers there are.
import type { AgentSnapshot, MemberSnapshot, Touched } from '../engine/index.js';
import type { Logger } from '../log.js';
import {
  fullChanges,
  isEmpty,
  recordWritten,
  rowChanges,
  writtenStateOf,
  type LiveRows,
  type LiveStateChanges,
  type RowsRead,
  type WrittenState,
} from './live-state-diff.js';

export interface LiveStateSink {
  /** In one transaction: readers see the state of one instant. */
  apply(changes: LiveStateChanges, at: number): Promise<void>;
}

/** The engine's rows, all of them or one by one (EngineHost / Engine). */
export interface LiveStateSource {
  all(): LiveRows;
  agent(agentId: string): AgentSnapshot | undefined;
  member(callId: string): MemberSnapshot | undefined;
  queueMembers(queue: string): readonly MemberSnapshot[];
}

const WRITE_INTERVAL_MS = 250;

/** Ids noted since the last write was read. */
class PendingRows {
  readonly agentIds = new Set<string>();
  readonly callIds = new Set<string>();
  readonly queues = new Set<string>();

  add(touched: Touched): void {
    for (const id of touched.agentIds) this.agentIds.add(id);
    for (const id of touched.callIds) this.callIds.add(id);
    for (const queue of touched.queues) this.queues.add(queue);
  }

  get isEmpty(): boolean {
    return this.agentIds.size + this.callIds.size + this.queues.size === 0;
  }
}

export class LiveStateSync {
  #pending = new PendingRows();
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;
  #failing = false;
  #stopped = false;
  #written: WrittenState | null = null;

  constructor(
    private readonly sink: LiveStateSink,
    private readonly source: LiveStateSource,
    private readonly clock: () => number,
    private readonly logger: Logger,
  ) {}

  /** Notes the rows an input touched; they are written within WRITE_INTERVAL_MS. */
  touch(touched: Touched): void {
    if (this.#stopped) return;
    this.#pending.add(touched);
    this.#schedule();
  }

  /** Writes what is pending now (and waits for a write in progress). */
  async flush(): Promise<void> {
    while (this.#writing !== null) await this.#writing;
    if (this.#written !== null && this.#pending.isEmpty) return;
    this.#writing = this.write();
    try {
      await this.#writing;
    } finally {
      this.#writing = null;
    }
  }

  /** Writes what is pending once more, then nothing: a failure after stop is not retried. */
  async stop(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#stopped = true;
    await this.flush();
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, WRITE_INTERVAL_MS);
  }

  private async write(): Promise<void> {
    const taken = this.#pending;
    this.#pending = new PendingRows();
    try {
      if (this.#written === null) {
        const rows = this.source.all();
        await this.sink.apply(fullChanges(rows), this.clock());
        this.#written = writtenStateOf(rows);
      } else {
        const read = this.read(taken);
        const changes = rowChanges(this.#written, read);
        if (!isEmpty(changes)) await this.sink.apply(changes, this.clock());
        recordWritten(this.#written, read);
      }
      if (this.#failing) this.logger.info({}, 'live state written again');
      this.#failing = false;
    } catch (error) {
      if (!this.#failing) this.logger.warn({ err: error }, 'cannot write the live state; retrying');
      this.#failing = true;
      this.#pending.add(taken);
      if (!this.#stopped) this.#schedule();
    }
  }

  /** The pending rows as they are now; a queue's rows are all its callers (their positions move together). */
  private read(pending: PendingRows): RowsRead {
    const agents = new Map<string, AgentSnapshot | undefined>();
    const members = new Map<string, MemberSnapshot | undefined>();
    for (const id of pending.agentIds) agents.set(id, this.source.agent(id));
    for (const id of pending.callIds) members.set(id, this.source.member(id));
    for (const queue of pending.queues) for (const row of this.source.queueMembers(queue)) members.set(row.callId, row);
    return { agents, members };
  }
}
