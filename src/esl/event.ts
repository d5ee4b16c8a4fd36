/** A header value: multi-valued headers (`ARRAY::a|:b` in plain, a JSON array in json) keep every entry. */
export type EslHeaderValue = string | readonly string[];

function isMap<K, V>(value: ReadonlyMap<K, V> | Iterable<readonly [K, V]>): value is ReadonlyMap<K, V> {
  return 'get' in value && typeof value.get === 'function';
}

/**
 * One FreeSWITCH event, the same whatever wire format carried it: ordered headers (URL-decoded), optional body.
 * Also used to build events in the test double, so the order of `headers` is the order on the wire.
 */
export class EslEvent {
  readonly headers: ReadonlyMap<string, EslHeaderValue>;
  readonly body: string | undefined;

  constructor(headers: ReadonlyMap<string, EslHeaderValue> | Iterable<readonly [string, EslHeaderValue]>, body?: string) {
    this.headers = isMap(headers) ? headers : new Map(headers);
    this.body = body;
  }

  /** `Event-Name`, e.g. CHANNEL_ANSWER or CUSTOM. */
  get name(): string {
    return this.get('Event-Name') ?? '';
  }

  /** `Event-Subclass` of CUSTOM events, e.g. sofia::transferor. */
  get subclass(): string | undefined {
    return this.get('Event-Subclass');
  }

  /** The value of a header; for a multi-valued header the last (most recent) entry. */
  get(name: string): string | undefined {
    const value = this.headers.get(name);
    return typeof value === 'string' ? value : value?.[value.length - 1];
  }

  /** Every entry of a header ([] when absent). */
  getAll(name: string): readonly string[] {
    const value = this.headers.get(name);
    return value === undefined ? [] : typeof value === 'string' ? [value] : value;
  }
}
