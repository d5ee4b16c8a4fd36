// Checks for values that come from outside (scenario files, command-line flags). A failed check
// names the field, shows the value and says what is allowed, e.g.
// `scenario.queues[1].strategy: "foo" is not a strategy; allowed: ring-all, ...`.

export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'FieldError';
  }
}

export interface NumberRange {
  readonly integer?: boolean;
  readonly min?: number;
  /** min itself is not allowed. */
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
}

/** How a value is shown in a message: JSON, cut short. */
export function shown(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function describeRange(range: NumberRange): string {
  const noun = range.integer === true ? 'an integer' : 'a number';
  const low = range.min === undefined ? null : `${range.minExclusive === true ? '>' : '≥'} ${range.min}`;
  const high = range.max === undefined ? null : `${range.maxExclusive === true ? '<' : '≤'} ${range.max}`;
  const bounds = [low, high].filter((part) => part !== null).join(' and ');
  return bounds === '' ? noun : `${noun} ${bounds}`;
}

export function requireNumber(field: string, value: unknown, range: NumberRange, raw: unknown = value): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !inRange(value, range)) {
    throw new FieldError(field, `${shown(raw)} is not ${describeRange(range)}`);
  }
  return value;
}

function inRange(value: number, range: NumberRange): boolean {
  if (range.integer === true && !Number.isInteger(value)) return false;
  if (range.min !== undefined && (range.minExclusive === true ? value <= range.min : value < range.min)) return false;
  if (range.max !== undefined && (range.maxExclusive === true ? value >= range.max : value > range.max)) return false;
  return true;
}

/** A command-line value as a number: decimal notation only, so "", "0x10" and "12abc" are refused. */
export function requireNumericText(field: string, text: string, range: NumberRange): number {
  const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  return requireNumber(field, value, range, text);
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], noun: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new FieldError(field, `${shown(value)} is not ${noun}; allowed: ${allowed.join(', ')}`);
  }
  return value as T;
}

export function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new FieldError(field, `${shown(value)} is not a non-empty string`);
  }
  return value;
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new FieldError(field, `${shown(value)} is not true or false`);
  return value;
}

export function requireObject(field: string, value: unknown): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FieldError(field, `${shown(value)} is not an object`);
  }
  return value as Record<string, unknown>;
}

export function requireArray(field: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new FieldError(field, `${shown(value)} is not an array`);
  return value;
}

/** Refuses keys not in `allowed`, so that a misspelt field is reported instead of silently ignored. */
export function rejectUnknownKeys(field: string, record: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      throw new FieldError(`${field}.${key}`, `unknown field; allowed: ${allowed.join(', ')}`);
    }
  }
}
