// Errors of the control API as values: a code the client can branch on, the HTTP status, and a
// message that names the field, the bad value and what is allowed.
export type ApiErrorCode =
  | 'invalid' // a bad value or a bad request body (400)
  | 'unauthorized' // a change without the right bearer token (401)
  | 'not-found' // no such queue, agent, tier, route (404)
  | 'conflict' // already exists, or the engine refused in the current state (409)
  | 'unavailable' // no controller attached for a live operation (503)
  | 'failed'; // the database or the controller failed (500)

export interface ApiError {
  readonly code: ApiErrorCode;
  readonly message: string;
  /** The field (config key) the message is about, when there is one. */
  readonly field?: string;
}

const STATUS: Readonly<Record<ApiErrorCode, number>> = {
  invalid: 400,
  unauthorized: 401,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  failed: 500,
};

export function httpStatusOf(code: ApiErrorCode): number {
  return STATUS[code];
}

export function apiError(code: ApiErrorCode, message: string, field?: string): ApiError {
  return field === undefined ? { code, message } : { code, message, field };
}

/** A result as the API's handlers and the typed client return it. */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: ApiError): ApiResult<T> {
  return { ok: false, error };
}
