import type { EslEvent, EventFormat } from '../../src/esl/index.js';
import { eventName } from './event-names.js';
import { ALL_EVENTS, NO_EVENTS, type Interest } from './listener-registry.js';

/**
 * Events `myevents` enables (mod_event_socket.c L2063-2136), minus CHANNEL_DESTROY: the captures never show it on
 * the outbound socket (the session detaches from the listener first).
 */
const MYEVENTS = [
  'CHANNEL_ANSWER', 'CHANNEL_APPLICATION', 'CHANNEL_BRIDGE', 'CHANNEL_CREATE', 'CHANNEL_DATA',
  'CHANNEL_EXECUTE', 'CHANNEL_EXECUTE_COMPLETE', 'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_ORIGINATE',
  'CHANNEL_UUID', 'CHANNEL_OUTGOING', 'CHANNEL_PARK', 'CHANNEL_PROGRESS', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_STATE',
  'CHANNEL_UNBRIDGE', 'CHANNEL_UNPARK', 'DETECTED_SPEECH', 'DTMF', 'NOTALK', 'TALK',
];

/** One listener's event subscription and filters, as mod_event_socket keeps them. */
export class Subscription {
  format: EventFormat = 'plain';
  private all = false;
  private readonly names = new Set<string>();
  private readonly subclasses = new Set<string>();
  private readonly filters = new Map<string, Set<string>>();

  /** `changed` runs after every change (the peer then moves its listener to the new `interest`). */
  constructor(private readonly changed: () => void) {}

  /**
   * `event [plain|json|xml] A B CUSTOM sub1 sub2`, as parse_command reads it: a format word only first (without
   * one the format stays), event names as switch_name_event knows them (others are skipped), every token after
   * CUSTOM a subclass. Returns the reply. The double writes no XML events, so it refuses `xml` instead.
   */
  command(tokens: readonly string[]): string {
    const [first = '', ...rest] = tokens;
    const word = first.toLowerCase();
    if (word === 'xml') return '-ERR the FreeSWITCH double writes no xml events';
    const format = word === 'plain' || word === 'json' ? word : undefined;
    if (format !== undefined) this.format = format;
    const keys = this.add(format === undefined ? tokens : rest);
    return keys === 0 ? '-ERR no keywords supplied' : `+OK event listener enabled ${this.format}`;
  }

  /** `myevents`: the channel's own events only. */
  addMyEvents(format: EventFormat, uuid: string): void {
    this.format = format;
    this.add(MYEVENTS);
    this.addFilter('Unique-ID', uuid);
  }

  nix(tokens: readonly string[]): void {
    for (const token of tokens) {
      const name = eventName(token) ?? token;
      if (name === 'ALL') this.all = false;
      this.names.delete(name);
      this.subclasses.delete(token);
    }
    this.changed();
  }

  /** Adds the event names (and subclasses after CUSTOM) among `tokens`; returns how many event names there were. */
  private add(tokens: readonly string[]): number {
    let keys = 0;
    let custom = false;
    for (const token of tokens) {
      if (custom) {
        this.subclasses.add(token);
        continue;
      }
      const name = eventName(token);
      if (name === undefined) continue;
      keys += 1;
      if (name === 'ALL') this.all = true;
      else this.names.add(name);
      custom = name === 'CUSTOM';
    }
    this.changed();
    return keys;
  }

  clear(): void {
    this.all = false;
    this.names.clear();
    this.subclasses.clear();
    this.changed();
  }

  addFilter(header: string, value: string): void {
    const values = this.filters.get(header) ?? new Set<string>();
    values.add(value);
    this.filters.set(header, values);
    this.changed();
  }

  deleteFilter(header: string, value: string | undefined): void {
    if (header === 'all') this.filters.clear();
    else if (value === undefined) this.filters.delete(header);
    else this.filters.get(header)?.delete(value);
    this.changed();
  }

  /** The events `matches` can accept: none, one channel's (a lone Unique-ID filter, as myevents sets), or any. */
  interest(): Interest {
    if (!this.all && this.names.size === 0) return NO_EVENTS;
    const uuids = this.filters.size === 1 ? this.filters.get('Unique-ID') : undefined;
    const [uuid] = uuids ?? [];
    return uuids?.size === 1 && uuid !== undefined ? { kind: 'channel', uuid } : ALL_EVENTS;
  }

  /**
   * As mod_event_socket.c event_handler: a CUSTOM event needs CUSTOM and, when it has a subclass (all real ones
   * do), that subclass among the listener's; a bare `event … CUSTOM` (esl-lite sends one) delivers none of them.
   */
  matches(event: EslEvent): boolean {
    const name = event.name;
    const subclass = event.subclass;
    const wanted =
      this.all || (name === 'CUSTOM' ? this.names.has('CUSTOM') && (subclass === undefined || this.subclasses.has(subclass)) : this.names.has(name));
    if (!wanted || this.filters.size === 0) return wanted;
    return [...this.filters].some(([header, values]) => values.has(event.get(header) ?? ''));
  }
}
