// Configuration writes fail as values the CLI and the API can show: what, which field, why.
import postgres from 'postgres';

export type ConfigError =
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'duplicate'; readonly message: string }
  | { readonly kind: 'constraint'; readonly field: string | null; readonly message: string };

export type ConfigResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ConfigError };

export const ok = <T>(value: T): ConfigResult<T> => ({ ok: true, value });
export const notFound = <T>(message: string): ConfigResult<T> => ({ ok: false, error: { kind: 'not-found', message } });

const camel = (column: string): string => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The field a CHECK names: constraint "queues_max_ring_seconds_check" → "maxRingSeconds". */
function checkedField(table: string, constraint: string): string | null {
  const match = new RegExp(`^${table}_(.+?)_check(_.*)?$`).exec(constraint);
  return match?.[1] === undefined ? null : camel(match[1]);
}

/** Runs a write; a constraint violation becomes a ConfigError, anything else is thrown. */
export async function guardWrite<T>(what: string, write: () => Promise<T>): Promise<ConfigResult<T>> {
  try {
    return ok(await write());
  } catch (error) {
    if (!(error instanceof postgres.PostgresError)) throw error;
    const table = error.table_name ?? '';
    switch (error.code) {
      case '23505':
        return { ok: false, error: { kind: 'duplicate', message: `${what} already exists (${error.detail ?? error.message})` } };
      case '23503':
        return { ok: false, error: { kind: 'not-found', message: `${what}: ${error.detail ?? error.message}` } };
      case '23502': {
        const field = camel(error.column_name ?? '');
        return { ok: false, error: { kind: 'constraint', field, message: `${what}: ${field} is required` } };
      }
      case '23514': {
        const field = checkedField(table, error.constraint_name ?? '');
        return { ok: false, error: { kind: 'constraint', field, message: `${what}: ${field ?? error.constraint_name} is out of range` } };
      }
      default:
        throw error;
    }
  }
}
