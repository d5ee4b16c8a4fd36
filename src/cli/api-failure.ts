// API results in the CLI: an ApiError becomes a CliFailure with the right exit code (2 for a bad
// value, an unknown name or a refused change; 1 when something failed or is unreachable).
import type { ApiError, ApiResult } from '../api/api-error.js';
import { runtimeError, usageError, type CliFailure } from './errors.js';

export function cliFailureOf(error: ApiError): CliFailure {
  switch (error.code) {
    case 'invalid':
    case 'not-found':
    case 'conflict':
      return usageError(error.message);
    default:
      return runtimeError(error.message);
  }
}

/** The value, or throws the CLI failure. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (!result.ok) throw cliFailureOf(result.error);
  return result.value;
}
