// An engine event as the log stores it: with the id the writer gave it on acceptance, which
// makes a replay of the same event a no-op.
import type { QueueEvent } from '../engine/index.js';

export interface StoredEvent {
  /** A UUID assigned once, when the event is accepted. */
  readonly eventId: string;
  readonly event: QueueEvent;
}
