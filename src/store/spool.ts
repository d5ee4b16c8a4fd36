// The local spool: events the database could not take yet, one JSON line each, fsync'd before
// the writer relies on them. Read back in order at open; emptied once everything is committed.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../log.js';
import type { StoredEvent } from './stored-event.js';

export class Spool {
  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  /** Opens (creating) the spool and returns it with the events it holds, in order. */
  static async open(path: string, logger: Logger): Promise<{ spool: Spool; held: StoredEvent[] }> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a+');
    const text = await handle.readFile('utf8');
    return { spool: new Spool(handle, path), held: parseSpool(text, path, logger) };
  }

  /** Appends and fsyncs: when this resolves the events survive a crash. */
  async append(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.handle.appendFile(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await this.handle.sync();
  }

  async clear(): Promise<void> {
    await this.handle.truncate(0);
    await this.handle.sync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** A torn last line (crash mid-write: it was never fsync'd, so never acknowledged) is dropped. */
function parseSpool(text: string, path: string, logger: Logger): StoredEvent[] {
  const lines = text.split('\n');
  const held: StoredEvent[] = [];
  lines.forEach((line, index) => {
    if (line === '') return;
    try {
      const parsed: unknown = JSON.parse(line);
      if (!isStoredEvent(parsed)) throw new Error('not an event record');
      held.push(parsed);
    } catch {
      const last = index === lines.length - 1;
      logger[last ? 'warn' : 'error']({ path, line: index + 1 }, last ? 'spool: torn last line dropped' : 'spool: unreadable line skipped');
    }
  });
  return held;
}

function isStoredEvent(value: unknown): value is StoredEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { eventId, event } = value as { eventId?: unknown; event?: unknown };
  return typeof eventId === 'string' && typeof event === 'object' && event !== null;
}
