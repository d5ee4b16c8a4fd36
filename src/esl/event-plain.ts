import { isDecodeError, malformedHeader, type EslDecodeError } from './errors.js';
import { EslEvent, type EslHeaderValue } from './event.js';
import { splitHeaderLine } from './header-line.js';
import { urlDecode, urlEncode } from './url-encoding.js';

const ARRAY_PREFIX = 'ARRAY::';
const ARRAY_SEPARATOR = '|:';
/** switch_event_serialize writes empty values as this placeholder. */
const UNDEFINED_VALUE = '_undef_';

/** Decodes one serialized (URL-encoded) header value: `_undef_` → '', `ARRAY::a|:b` → ['a', 'b']. */
export function decodeEventValue(raw: string): EslHeaderValue {
  if (raw === UNDEFINED_VALUE) return '';
  const value = urlDecode(raw);
  return value.startsWith(ARRAY_PREFIX) ? value.slice(ARRAY_PREFIX.length).split(ARRAY_SEPARATOR) : value;
}

export function encodeEventValue(value: EslHeaderValue): string {
  if (typeof value !== 'string') return urlEncode(ARRAY_PREFIX + value.join(ARRAY_SEPARATOR));
  return value === '' ? UNDEFINED_VALUE : urlEncode(value);
}

/** Serialized event header lines (`Name: value`, values URL-decoded) → ordered header map. */
export function decodeEventHeaders(lines: readonly string[]): Map<string, EslHeaderValue> | EslDecodeError {
  const headers = new Map<string, EslHeaderValue>();
  for (const line of lines) {
    const pair = splitHeaderLine(line);
    if (pair === undefined) return malformedHeader(line);
    headers.set(pair[0], decodeEventValue(pair[1]));
  }
  return headers;
}

/**
 * A text/event-plain body: URL-encoded header lines, a blank line, and when the event has a body an inner
 * `Content-Length: n` header followed by n bytes (e.g. the BACKGROUND_JOB result).
 */
export function parsePlainEvent(body: Buffer): EslEvent | EslDecodeError {
  const text = body.toString('utf8');
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank);
  const headers = decodeEventHeaders(head.split('\n').filter((line) => line.length > 0));
  if (isDecodeError(headers)) return headers;
  const innerLength = headers.get('Content-Length');
  if (typeof innerLength !== 'string' || blank < 0) return new EslEvent(headers);
  headers.delete('Content-Length');
  const bodyStart = Buffer.byteLength(text.slice(0, blank + 2), 'utf8');
  return new EslEvent(headers, body.subarray(bodyStart, bodyStart + Number(innerLength)).toString('utf8'));
}

export function serializePlainEvent(event: EslEvent): string {
  let text = '';
  for (const [name, value] of event.headers) text += `${name}: ${encodeEventValue(value)}\n`;
  if (event.body === undefined) return `${text}\n`;
  return `${text}Content-Length: ${Buffer.byteLength(event.body, 'utf8')}\n\n${event.body}`;
}
