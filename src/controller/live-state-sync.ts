// Mirrors the engine's live state into Postgres (who is waiting, who is logged in) without ever
// holding up routing: changes only mark the state dirty; one write at a time replaces the rows
// from the latest snapshot, at most every WRITE_INTERVAL_MS. A failed write is retried next round.
import type { EngineSnapshot } from '../engine/index.js';
import type { Logger } from '../log.js';

export interface LiveStateSink {
  replace(snapshot: EngineSnapshot, at: number): Promise<void>;
}

const WRITE_INTERVAL_MS = 250;

export class LiveStateSync {
  #dirty = false;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;
  #failing = false;
  #stopped = false;

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
      await this.sink.replace(this.snapshot(), this.clock());
      if (this.#failing) this.logger.info({}, 'live state written again');
      this.#failing = false;
    } catch (error) {
      if (!this.#failing) this.logger.warn({ err: error }, 'cannot write the live state; retrying');
      this.#failing = true;
      this.markDirty();
    }
  }
}
