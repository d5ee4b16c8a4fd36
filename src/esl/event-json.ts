import { badJson, type EslDecodeError } from './errors.js';
import { EslEvent, type EslHeaderValue } from './event.js';

function isHeaderValue(value: unknown): value is EslHeaderValue {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

/** A text/event-json body: one JSON object of strings (arrays for multi-valued headers), body in `_body`. */
export function parseJsonEvent(body: Buffer): EslEvent | EslDecodeError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return badJson(error instanceof Error ? error.message : String(error));
  }
  return jsonObjectEvent(parsed);
}

/** An event-json body already parsed (esl-lite parses the inbound socket's): checked the same way. */
export function jsonObjectEvent(parsed: unknown): EslEvent | EslDecodeError {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return badJson('not an object');
  const headers = new Map<string, EslHeaderValue>();
  let eventBody: string | undefined;
  for (const [name, value] of Object.entries(parsed)) {
    if (!isHeaderValue(value)) return badJson(`header ${JSON.stringify(name)} is not a string`);
    if (name === '_body' && typeof value === 'string') eventBody = value;
    else if (name !== 'Content-Length') headers.set(name, value);
  }
  return new EslEvent(headers, eventBody);
}

export function serializeJsonEvent(event: EslEvent): string {
  const object: Record<string, EslHeaderValue> = Object.fromEntries(event.headers);
  if (event.body !== undefined) {
    object['Content-Length'] = String(Buffer.byteLength(event.body, 'utf8'));
    object['_body'] = event.body;
  }
  return JSON.stringify(object);
}
