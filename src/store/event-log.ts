// The durable, ordered event writer. append() is synchronous and never throws, so routing never
// waits for the database. Events are written in acceptance order in batches (at most maxBatch
// rows, at most maxDelayMs after the first one waits). While the database fails, every accepted
// event is also appended to an fsync'd spool file; batches are retried with backoff, in order,
// and the spool is emptied once all of it is committed. At open, what the spool holds is
// replayed first. Event ids make a replay harmless: nothing lost, nothing doubled.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import type { QueueEvent } from '../engine/index.js';
import type { Logger } from '../log.js';
import { describe } from './database.js';
import { insertEvents } from './insert-events.js';
import { Spool } from './spool.js';
import type { StoredEvent } from './stored-event.js';

export interface EventLogOptions {
  readonly sql: postgres.Sql;
  readonly spoolPath: string;
  readonly logger: Logger;
  readonly maxBatch?: number;
  readonly maxDelayMs?: number;
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
  /** A batch not committed after this long (a hung connection) starts spooling, as a failure does. */
  readonly stallMs?: number;
  /** Called after each committed batch with the acceptance times (performance.now()) of its events. */
  readonly onCommit?: (acceptedAt: readonly number[]) => void;
}

export interface EventLogStats {
  readonly accepted: number;
  readonly committed: number;
  /** Refused by the database as invalid (logged at error level with the event); never retried. */
  readonly rejected: number;
  /** Accepted, not yet committed. */
  readonly pending: number;
  /** Failed batch attempts since open. */
  readonly failures: number;
  /** True while the database is failing and events go through the spool. */
  readonly spooling: boolean;
}

interface Entry {
  readonly record: StoredEvent;
  readonly acceptedAt: number;
  spooled: boolean;
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity violation): retrying cannot help. */
const PERMANENT_SQLSTATE = /^2[23]/;

export class EventLog {
  private readonly queue: Entry[] = [];
  private head = 0;
  private spooling: boolean;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wakeRetry: (() => void) | null = null;
  private spoolTimer: NodeJS.Timeout | null = null;
  private onStall: (() => void) | null = null;
  /** Spool writes run one after another, in order. */
  private spoolChain: Promise<void> = Promise.resolve();
  private flushWaiters: (() => void)[] = [];
  private closing = false;
  private closed = false;
  private counts = { accepted: 0, committed: 0, rejected: 0, failures: 0 };
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly stallMs: number;

  private constructor(
    private readonly options: EventLogOptions,
    private readonly spool: Spool,
    held: readonly StoredEvent[],
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 50;
    this.retryMinMs = options.retryMinMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 5000;
    this.stallMs = options.stallMs ?? 1000;
    const now = performance.now();
    for (const record of held) this.queue.push({ record, acceptedAt: now, spooled: true });
    this.spooling = held.length > 0;
  }

  /** Opens the spool and starts replaying what it holds (flush() waits for it). */
  static async open(options: EventLogOptions): Promise<EventLog> {
    const { spool, held } = await Spool.open(options.spoolPath, options.logger);
    const log = new EventLog(options, spool, held);
    if (held.length > 0) {
      options.logger.warn({ spool: options.spoolPath, events: held.length }, 'event log: replaying spooled events');
      log.start();
    }
    return log;
  }

  append(events: readonly QueueEvent[]): void {
    try {
      if (this.closing) {
        this.options.logger.error({ events: events.length }, 'event log: append after close; events not logged');
        return;
      }
      const now = performance.now();
      for (const event of events) {
        this.queue.push({ record: { eventId: randomUUID(), event }, acceptedAt: now, spooled: false });
      }
      this.counts.accepted += events.length;
      if (this.spooling) this.spoolTimer ??= setTimeout(() => void this.trySpool(), this.maxDelayMs);
      this.schedule();
    } catch (error) {
      this.options.logger.error({ err: error }, 'event log: append failed');
    }
  }

  /** Resolves once every event accepted so far is committed (waits through an outage). */
  flush(): Promise<void> {
    if (this.pendingCount() === 0 && this.running === null) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.flushWaiters.push(resolve));
    this.start();
    return done;
  }

  /**
   * Stops: one more attempt to commit what is pending; if the database fails or does not answer
   * within stallMs, the rest is in the spool for the next open.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    this.start();
    const stalled = new Promise<void>((resolve) => (this.onStall = resolve));
    await Promise.race([this.running, stalled]);
    if (this.running !== null) await this.startSpooling('closing while the database does not answer');
    this.closed = true;
    await this.spoolChain;
    await this.spool.close();
    for (const resolve of this.flushWaiters.splice(0)) resolve();
  }

  stats(): EventLogStats {
    return { ...this.counts, pending: this.pendingCount(), spooling: this.spooling };
  }

  private pendingCount(): number {
    return this.queue.length - this.head;
  }

  private schedule(): void {
    if (this.running !== null) return;
    if (this.pendingCount() >= this.maxBatch) this.start();
    else this.timer ??= setTimeout(() => this.start(), this.maxDelayMs);
  }

  private start(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.wakeRetry?.();
    if (this.running !== null || this.closed) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.pendingCount() === 0 || this.closing) {
        for (const resolve of this.flushWaiters.splice(0)) resolve();
      } else this.schedule();
    });
  }

  private async drain(): Promise<void> {
    let backoff = this.retryMinMs;
    while (this.pendingCount() > 0 && !this.closed) {
      try {
        if (this.spooling) await this.trySpool();
        await this.write(this.queue.slice(this.head, this.head + this.maxBatch));
        backoff = this.retryMinMs;
        await this.leaveSpoolingIfDone();
      } catch (error) {
        this.counts.failures += 1;
        await this.startSpooling(describe(error));
        if (this.closing) return;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.retryMaxMs);
      }
    }
  }

  /** Throws when the database fails (retry later); a batch refused as invalid is split. */
  private async write(batch: readonly Entry[]): Promise<void> {
    const watchdog = setTimeout(() => {
      void this.startSpooling('database not answering');
      this.onStall?.();
    }, this.stallMs);
    try {
      await insertEvents(this.options.sql, batch.map((e) => e.record));
      this.committed(batch);
    } catch (error) {
      if (!isPermanent(error)) throw error;
      for (const entry of batch) await this.writeOne(entry);
    } finally {
      clearTimeout(watchdog);
    }
  }

  private startSpooling(reason: string): Promise<void> {
    if (!this.spooling) {
      this.spooling = true;
      this.options.logger.warn({ err: reason, spool: this.spool.path }, 'event log: database failing; spooling events');
    }
    return this.trySpool();
  }

  private async writeOne(entry: Entry): Promise<void> {
    try {
      await insertEvents(this.options.sql, [entry.record]);
      this.committed([entry]);
    } catch (error) {
      if (!isPermanent(error)) throw error;
      this.head += 1;
      this.counts.rejected += 1;
      this.options.logger.error({ err: describe(error), event: entry.record }, 'event log: event rejected by the database');
    }
  }

  private committed(batch: readonly Entry[]): void {
    this.head += batch.length;
    this.counts.committed += batch.length;
    // Drop the committed prefix now and then rather than shifting on every batch.
    if (this.head > 65_536 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.options.onCommit?.(batch.map((e) => e.acceptedAt));
  }

  private leaveSpoolingIfDone(): Promise<void> {
    this.spoolChain = this.spoolChain.then(async () => {
      if (!this.spooling || this.pendingCount() > 0 || this.closed) return;
      try {
        await this.spool.clear();
        this.spooling = false;
        this.options.logger.info({ spool: this.spool.path }, 'event log: database back; spool replayed');
      } catch (error) {
        // Still spooling: the next clear retries; replaying stale lines is harmless.
        this.options.logger.error({ err: describe(error), spool: this.spool.path }, 'event log: cannot clear the spool');
      }
    });
    return this.spoolChain;
  }

  /** Spools what is not yet spooled. The spool failing too (disk full) is logged, not fatal. */
  private trySpool(): Promise<void> {
    if (this.spoolTimer !== null) {
      clearTimeout(this.spoolTimer);
      this.spoolTimer = null;
    }
    this.spoolChain = this.spoolChain.then(() => this.spoolUnspooled());
    return this.spoolChain;
  }

  private async spoolUnspooled(): Promise<void> {
    if (!this.spooling || this.closed) return;
    // Entries are spooled in order: the unspooled ones are a suffix of the queue.
    let start = this.queue.length;
    while (start > this.head && this.queue[start - 1]?.spooled !== true) start -= 1;
    const unspooled = this.queue.slice(start);
    try {
      await this.spool.append(unspooled.map((e) => e.record));
      for (const entry of unspooled) entry.spooled = true;
    } catch (error) {
      this.options.logger.error({ err: describe(error), spool: this.spool.path }, 'event log: cannot write the spool');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeRetry = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeRetry = done;
    });
  }
}

function isPermanent(error: unknown): boolean {
  return error instanceof postgres.PostgresError && PERMANENT_SQLSTATE.test(error.code);
}
