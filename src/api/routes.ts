// The API's routing vocabulary: a route is a method, a path pattern (':' matches one segment),
// whether it changes something (then it needs the token), and a handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError, fail, ok, type ApiResult } from './api-error.js';
import { readJsonBody, sendResult } from './http-io.js';

export interface RouteRequest {
  readonly method: string;
  /** Decoded path segments, e.g. ['tiers', 'support@default', '1000']. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly http: IncomingMessage;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: readonly string[];
  readonly change: boolean;
  handle(request: RouteRequest, response: ServerResponse): Promise<void>;
}

export function matches(pattern: readonly string[], segments: readonly string[]): boolean {
  return pattern.length === segments.length && pattern.every((part, i) => part === ':' || part === segments[i]);
}

/** A read route answering with a result. */
export function reading(path: readonly string[], answer: (request: RouteRequest) => Promise<ApiResult<unknown>>): Route {
  return { method: 'GET', path, change: false, handle: async (request, response) => sendResult(response, await answer(request)) };
}

/** A change route: reads the JSON body, answers with the handler's result. */
export function changing(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: readonly string[],
  handle: (body: Record<string, unknown>, request: RouteRequest) => Promise<ApiResult<unknown>>,
  successStatus = 200,
): Route {
  return {
    method,
    path,
    change: true,
    async handle(request, response) {
      const body = await readJsonBody(request.http);
      sendResult(response, body.ok ? await handle(body.value, request) : body, successStatus);
    },
  };
}

/** A required non-empty string field of a body. */
export function requiredString(body: Record<string, unknown>, key: string): ApiResult<string> {
  const value = body[key];
  return typeof value === 'string' && value !== ''
    ? ok(value)
    : fail(apiError('invalid', `the request body needs "${key}": a non-empty string`, key));
}
