// Mirrors the engine's live state into Postgres (who is waiting, who is logged in) without ever
// holding up routing: changes only mark the state dirty; one write at a time, at most every
// WRITE_INTERVAL_MS, writes the rows that changed since the last successful write (the first one
// replaces the tables whole). A failed write is retried next round, from the last successful one.
import type { EngineSnapshot } from '../engine/index.js';
import type { Logger } from '../log.js';
import { isEmpty, liveStateChanges, writtenStateOf, type LiveStateChanges, type WrittenState } from './live-state-diff.js';

export interface LiveStateSink {
  /** In one transaction: readers see the state of one instant. */
  apply(changes: LiveStateChanges, at: number): Promise<void>;
}

const WRITE_INTERVAL_MS = 250;

export class LiveStateSync {
  #dirty = false;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;
  #failing = false;
  #stopped = false;
  #written: WrittenState | null = null;

  constructor(
    private readonly sink: LiveStateSink,
    private readonly snapshot: () => EngineSnapshot,
    private readonly clock: () => number,
    private readonly logger: Logger,
  ) {}

  markDirty(): void {
    if (this.#stopped) return;
    this.#dirty = true;
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, WRITE_INTERVAL_MS);
  }

  /** Writes the current state now (and waits for a write in progress). */
  async flush(): Promise<void> {
    while (this.#writing !== null) await this.#writing;
    if (!this.#dirty) return;
    this.#dirty = false;
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

  private async write(): Promise<void> {
    try {
      const current = writtenStateOf(this.snapshot());
      const changes = liveStateChanges(this.#written, current);
      if (!isEmpty(changes)) await this.sink.apply(changes, this.clock());
      this.#written = current;
      if (this.#failing) this.logger.info({}, 'live state written again');
      this.#failing = false;
    } catch (error) {
      if (!this.#failing) this.logger.warn({ err: error }, 'cannot write the live state; retrying');
      this.#failing = true;
      this.markDirty();
    }
  }
}
