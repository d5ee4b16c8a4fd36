// Parsers for configuration values, one per kind of value. Each accepts what an operator types
// (a string from a flag or an XML attribute) and what a JSON body carries (numbers, booleans,
// arrays), and says what is allowed when it refuses.
import type { ExitKey } from '../engine/index.js';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly allowed: string };

export type FieldParser<T> = (raw: unknown) => Parsed<T>;

const INT32_MAX = 2_147_483_647;

function accept<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function refuse<T>(allowed: string): Parsed<T> {
  return { ok: false, allowed };
}

/** A whole number in [min, 2147483647]. */
export function integer(min: number): FieldParser<number> {
  const allowed = `a whole number from ${min} to ${INT32_MAX}`;
  return (raw) => {
    const text = typeof raw === 'number' ? String(raw) : raw;
    if (typeof text !== 'string' || !/^-?\d+$/.test(text.trim())) return refuse(allowed);
    const value = Number(text.trim());
    return value >= min && value <= INT32_MAX ? accept(value) : refuse(allowed);
  };
}

/** Like integer(0), or empty / "default" for null (use the queue's value). */
export function integerOrDefault(): FieldParser<number | null> {
  const whole = integer(0);
  return (raw) => {
    if (raw === null || raw === '' || raw === 'default') return accept(null);
    const parsed = whole(raw);
    return parsed.ok ? parsed : refuse(`${parsed.allowed}, or "default" for the queue's value`);
  };
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

export const boolean: FieldParser<boolean> = (raw) => {
  if (typeof raw === 'boolean') return accept(raw);
  const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (TRUE_WORDS.has(word)) return accept(true);
  if (FALSE_WORDS.has(word)) return accept(false);
  return refuse('true or false (also yes/no, on/off, 1/0)');
};

export function oneOf<T extends string>(values: readonly T[]): FieldParser<T> {
  return (raw) =>
    values.includes(raw as T) ? accept(raw as T) : refuse(`one of ${values.join(', ')}`);
}

export const text: FieldParser<string> = (raw) =>
  typeof raw === 'string' && raw.trim() !== '' ? accept(raw) : refuse('non-empty text');

/** Text, or an empty string (JSON: null) to clear it. */
export const optionalText: FieldParser<string | null> = (raw) => {
  if (raw === null || raw === '') return accept(null);
  return typeof raw === 'string' && raw.trim() !== ''
    ? accept(raw)
    : refuse('text, or an empty string to clear it');
};

/** A dialed number (digits, *, #, +), or empty to clear it. */
export const extension: FieldParser<string | null> = (raw) => {
  if (raw === null || raw === '') return accept(null);
  return typeof raw === 'string' && /^[0-9*#+]+$/.test(raw)
    ? accept(raw)
    : refuse('digits, *, # or + (e.g. 5000), or an empty string for none');
};

const EXIT_KEYS_ALLOWED =
  'key=destination pairs separated by commas, one DTMF digit (0-9, *, #) each, e.g. 1=voicemail,0=operator (empty for none)';

function exitKey(key: unknown, destination: unknown): ExitKey | null {
  return typeof key === 'string' && /^[0-9*#]$/.test(key) && typeof destination === 'string' && destination.trim() !== ''
    ? { key, destination: destination.trim() }
    : null;
}

/** "1=voicemail,0=operator", or a JSON array of { key, destination }. Digits must be unique. */
export const exitKeys: FieldParser<readonly ExitKey[]> = (raw) => {
  let keys: (ExitKey | null)[];
  if (typeof raw === 'string') {
    const pairs = raw.trim() === '' ? [] : raw.split(',');
    keys = pairs.map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? null : exitKey(pair.slice(0, at).trim(), pair.slice(at + 1));
    });
  } else if (Array.isArray(raw)) {
    keys = raw.map((item: unknown) =>
      typeof item === 'object' && item !== null
        ? exitKey((item as Record<string, unknown>)['key'], (item as Record<string, unknown>)['destination'])
        : null,
    );
  } else {
    return refuse(EXIT_KEYS_ALLOWED);
  }
  const valid = keys.filter((key): key is ExitKey => key !== null);
  const unique = new Set(valid.map((key) => key.key)).size === valid.length;
  return valid.length === keys.length && unique ? accept(valid) : refuse(EXIT_KEYS_ALLOWED);
};

/** How a configured value reads in a table or in a message. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) {
    return value.map((item: ExitKey) => `${item.key}=${item.destination}`).join(',') || '-';
  }
  return String(value);
}
