import { WatchedList } from './watched-list.js';
import type { EslCommand, EslEvent } from '../../src/esl/index.js';

export type Side = 'inbound' | 'outbound';

export interface RecordedCommand {
  readonly side: Side;
  /** Connection number (1, 2, …) in order of opening, per double. */
  readonly connection: number;
  /** The exact text received, e.g. `bgapi originate …\nJob-UUID: x\n\n` (CR stripped). */
  readonly text: string;
  readonly command: EslCommand;
}

export type LogEntry =
  | { readonly kind: 'command'; readonly record: RecordedCommand }
  | { readonly kind: 'event'; readonly event: EslEvent }
  | { readonly kind: 'connection'; readonly side: Side; readonly connection: number; readonly change: 'opened' | 'closed' };

/** Everything the double received and fired, in order, with bounded waits for tests. */
export class ActivityLog {
  private readonly list = new WatchedList<LogEntry>();

  get entries(): readonly LogEntry[] {
    return this.list.items;
  }

  add(entry: LogEntry): void {
    this.list.push(entry);
  }

  /** Resolves with the first entry (already logged or future) that `select` maps to a value. */
  waitFor<T>(select: (entry: LogEntry) => T | undefined, timeoutMs: number, description: string): Promise<T> {
    return this.list.waitFor(select, timeoutMs, () => new Error(`FreeSWITCH double: timed out after ${timeoutMs} ms waiting for ${description}; last entries: ${this.describeTail()}`));
  }

  private describeTail(): string {
    return this.entries
      .slice(-8)
      .map((e) => (e.kind === 'command' ? `cmd(${e.record.side}) ${e.record.command.line}` : e.kind === 'event' ? `event ${e.event.name}` : `${e.side} #${e.connection} ${e.change}`))
      .join(' | ');
  }
}
