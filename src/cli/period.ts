// Report periods: named periods in local time, or --from/--to (ISO 8601 dates or date-times).
// The period is [from, to): a date-only --to includes that whole day.
export const NAMED_PERIODS = ['today', 'yesterday', 'this-week', 'last-7-days', 'this-month'] as const;
export type NamedPeriod = (typeof NAMED_PERIODS)[number];

export interface Period {
  readonly from: Date;
  readonly to: Date;
}

export type PeriodResult = { readonly ok: true; readonly period: Period } | { readonly ok: false; readonly message: string };

function midnight(date: Date, addDays = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + addDays);
}

export function namedPeriod(name: NamedPeriod, now: Date): Period {
  switch (name) {
    case 'today':
      return { from: midnight(now), to: midnight(now, 1) };
    case 'yesterday':
      return { from: midnight(now, -1), to: midnight(now) };
    case 'this-week': {
      const sinceMonday = (now.getDay() + 6) % 7; // ISO weeks start on Monday
      return { from: midnight(now, -sinceMonday), to: midnight(now, 7 - sinceMonday) };
    }
    case 'last-7-days':
      return { from: midnight(now, -6), to: midnight(now, 1) };
    case 'this-month':
      return { from: new Date(now.getFullYear(), now.getMonth(), 1), to: new Date(now.getFullYear(), now.getMonth() + 1, 1) };
  }
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A date (local midnight; with `endOfDay` the next midnight) or a date-time (local unless it has a zone). */
export function parseInstant(text: string, endOfDay: boolean): Date | null {
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly !== null) {
    const [year, month, day] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    const date = new Date(year, month - 1, day);
    if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
    return endOfDay ? midnight(date, 1) : date;
  }
  if (!DATE_TIME.test(text)) return null;
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function resolvePeriod(options: { period?: string; from?: string; to?: string }, now: Date): PeriodResult {
  const named = options.period ?? (options.from === undefined && options.to === undefined ? 'today' : undefined);
  if (named !== undefined) {
    if (options.from !== undefined || options.to !== undefined) return { ok: false, message: '--period cannot be combined with --from/--to' };
    if (!(NAMED_PERIODS as readonly string[]).includes(named)) {
      return { ok: false, message: `--period ${named} is not a period: use one of ${NAMED_PERIODS.join(', ')}` };
    }
    return { ok: true, period: namedPeriod(named as NamedPeriod, now) };
  }
  const from = options.from === undefined ? midnight(now) : parseInstant(options.from, false);
  if (from === null) return { ok: false, message: `--from ${options.from} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` };
  const to = options.to === undefined ? now : parseInstant(options.to, true);
  if (to === null) return { ok: false, message: `--to ${options.to} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` };
  if (from.getTime() >= to.getTime()) {
    return { ok: false, message: `--from (${from.toISOString()}) must be before --to (${to.toISOString()})` };
  }
  return { ok: true, period: { from, to } };
}
