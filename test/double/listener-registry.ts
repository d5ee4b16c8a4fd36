import type { EslEvent } from '../../src/esl/index.js';

export type EventListener = (event: EslEvent) => void;

/** The events a listener can act on: every event, one channel's (by Unique-ID), or none. */
export type Interest = { readonly kind: 'all' } | { readonly kind: 'channel'; readonly uuid: string } | { readonly kind: 'none' };

export const ALL_EVENTS: Interest = { kind: 'all' };
export const NO_EVENTS: Interest = { kind: 'none' };

/** One registered listener; its interest may change (an ESL peer's subscription does). */
export interface Registration {
  retarget(interest: Interest): void;
  remove(): void;
}

interface Entry {
  /** Registration order: listeners are called in it whatever their interest. */
  readonly seq: number;
  readonly listener: EventListener;
}

const NONE: readonly Entry[] = [];

/**
 * Event delivery proportional to the listeners that can act on an event: channel listeners (outbound sessions,
 * myevents peers) are looked up by the event's Unique-ID instead of each one testing every event.
 * Lists are copied on change, so a fire delivers to the listeners registered when it started.
 */
export class ListenerRegistry {
  private nextSeq = 0;
  private general: readonly Entry[] = [];
  private readonly byChannel = new Map<string, readonly Entry[]>();
  /** After `clear` nothing registers again (a disposed double's peers may still change their subscription). */
  private cleared = false;

  add(listener: EventListener, interest: Interest): Registration {
    const entry: Entry = { seq: this.nextSeq++, listener };
    let current: Interest = NO_EVENTS;
    const move = (next: Interest): void => {
      if (sameInterest(current, next)) return;
      this.detach(entry, current);
      this.attach(entry, next);
      current = next;
    };
    move(interest);
    return { retarget: move, remove: () => move(NO_EVENTS) };
  }

  /** Calls the interested listeners in registration order. */
  deliver(event: EslEvent): void {
    const general = this.general;
    const channel = this.byChannel.get(event.get('Unique-ID') ?? '') ?? NONE;
    let g = 0;
    let c = 0;
    for (;;) {
      const a = general[g];
      const b = channel[c];
      if (a !== undefined && (b === undefined || a.seq < b.seq)) {
        g++;
        a.listener(event);
      } else if (b !== undefined) {
        c++;
        b.listener(event);
      } else return;
    }
  }

  clear(): void {
    this.cleared = true;
    this.general = [];
    this.byChannel.clear();
  }

  private attach(entry: Entry, interest: Interest): void {
    if (this.cleared) return;
    if (interest.kind === 'all') this.general = inserted(this.general, entry);
    else if (interest.kind === 'channel') this.byChannel.set(interest.uuid, inserted(this.byChannel.get(interest.uuid) ?? NONE, entry));
  }

  private detach(entry: Entry, interest: Interest): void {
    if (interest.kind === 'all') this.general = this.general.filter((e) => e !== entry);
    else if (interest.kind === 'channel') {
      const rest = (this.byChannel.get(interest.uuid) ?? NONE).filter((e) => e !== entry);
      if (rest.length === 0) this.byChannel.delete(interest.uuid);
      else this.byChannel.set(interest.uuid, rest);
    }
  }
}

function sameInterest(a: Interest, b: Interest): boolean {
  return a.kind === b.kind && (a.kind !== 'channel' || b.kind !== 'channel' || a.uuid === b.uuid);
}

/** A copy of `entries` (sorted by seq) with `entry` in its place. */
function inserted(entries: readonly Entry[], entry: Entry): readonly Entry[] {
  const at = entries.findIndex((e) => e.seq > entry.seq);
  return at < 0 ? [...entries, entry] : [...entries.slice(0, at), entry, ...entries.slice(at)];
}
