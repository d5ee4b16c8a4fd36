// JSON in and out of node:http: bounded body reading, JSON replies, error replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError, fail, httpStatusOf, ok, type ApiError, type ApiResult } from './api-error.js';

const MAX_BODY_BYTES = 1_000_000;

/** The request's JSON body as an object ({} when empty). */
export async function readJsonBody(request: IncomingMessage): Promise<ApiResult<Record<string, unknown>>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return fail(apiError('invalid', `request body over ${MAX_BODY_BYTES} bytes`));
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return ok({});
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(apiError('invalid', 'request body is not valid JSON'));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(apiError('invalid', 'request body must be a JSON object'));
  }
  return ok(value as Record<string, unknown>);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: ApiError): void {
  sendJson(response, httpStatusOf(error.code), { error });
}

export function sendResult<T>(response: ServerResponse, result: ApiResult<T>, successStatus = 200): void {
  if (result.ok) sendJson(response, successStatus, result.value);
  else sendError(response, result.error);
}
