import type { EslHeaderValue } from './event.js';

/** Keys of an event-json object that are not headers: the body and its length. */
function isHeaderName(key: string): boolean {
  return key !== '_body' && key !== 'Content-Length';
}

/**
 * The headers of an event-json object, read in place. A channel event carries some 200 headers (every channel
 * variable); copying each into a Map was a third of all the controller allocated under load.
 * The object must have been checked: every own value a string or an array of strings.
 */
export class JsonHeaders implements ReadonlyMap<string, EslHeaderValue> {
  readonly #object: Readonly<Record<string, EslHeaderValue>>;

  constructor(object: Readonly<Record<string, EslHeaderValue>>) {
    this.#object = object;
  }

  get(name: string): EslHeaderValue | undefined {
    return isHeaderName(name) && Object.hasOwn(this.#object, name) ? this.#object[name] : undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    let count = 0;
    for (const name of Object.keys(this.#object)) if (isHeaderName(name)) count++;
    return count;
  }

  *entries(): MapIterator<[string, EslHeaderValue]> {
    for (const name of Object.keys(this.#object)) {
      const value = this.#object[name];
      if (isHeaderName(name) && value !== undefined) yield [name, value];
    }
  }

  *keys(): MapIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): MapIterator<EslHeaderValue> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: EslHeaderValue, name: string, map: ReadonlyMap<string, EslHeaderValue>) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  [Symbol.iterator](): MapIterator<[string, EslHeaderValue]> {
    return this.entries();
  }
}
