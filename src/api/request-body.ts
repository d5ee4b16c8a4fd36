// Request bodies checked against what a route accepts: config fields through the field tables
// (named by their config key), action bodies against a small type map. Unknown keys are refused,
// so a typo never passes silently.
import { describeFieldError, parseFields, type FieldTable } from '../cli/config-fields.js';
import { apiError, fail, ok, type ApiResult } from './api-error.js';

function unknownKeys(body: Record<string, unknown>, allowed: readonly string[]): ApiResult<never> | null {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  const first = unknown[0];
  return first === undefined
    ? null
    : fail(apiError('invalid', `unknown field "${first}": allowed ${allowed.join(', ')}`, first));
}

export function parseConfigBody<C>(body: Record<string, unknown>, table: FieldTable<C>): ApiResult<Partial<C>> {
  const refused = unknownKeys(body, Object.keys(table));
  if (refused !== null) return refused;
  const parsed = parseFields(table, body);
  return parsed.ok
    ? ok(parsed.values)
    : fail(apiError('invalid', describeFieldError(parsed.error, parsed.error.key), parsed.error.key));
}

export type BodyShape = Readonly<Record<string, 'string' | 'boolean'>>;

export function parseActionBody(body: Record<string, unknown>, shape: BodyShape): ApiResult<Record<string, string | boolean>> {
  const refused = unknownKeys(body, Object.keys(shape));
  if (refused !== null) return refused;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== shape[key]) {
      return fail(apiError('invalid', `invalid value ${JSON.stringify(value)} for ${key}: allowed a ${shape[key]}`, key));
    }
  }
  return ok(body as Record<string, string | boolean>);
}
