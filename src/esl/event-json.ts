import { badJson, type EslDecodeError } from './errors.js';
import { EslEvent, type EslHeaderValue } from './event.js';
import { JsonHeaders } from './json-headers.js';

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
  const object = parsed as Record<string, unknown>;
  // Checked in place: the event reads the object itself (JsonHeaders), so a bad value must be refused here.
  for (const name in object) {
    if (!Object.hasOwn(object, name)) continue;
    if (!isHeaderValue(object[name])) return badJson(`header ${JSON.stringify(name)} is not a string`);
  }
  const body = object['_body'];
  return new EslEvent(new JsonHeaders(object as Record<string, EslHeaderValue>), typeof body === 'string' ? body : undefined);
}

export function serializeJsonEvent(event: EslEvent): string {
  const object: Record<string, EslHeaderValue> = Object.fromEntries(event.headers);
  if (event.body !== undefined) {
    object['Content-Length'] = String(Buffer.byteLength(event.body, 'utf8'));
    object['_body'] = event.body;
  }
  return JSON.stringify(object);
}
