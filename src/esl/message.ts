import { isDecodeError, malformedHeader, type EslDecodeError } from './errors.js';
import { EslEvent } from './event.js';
import { parseJsonEvent } from './event-json.js';
import { decodeEventHeaders, parsePlainEvent } from './event-plain.js';
import type { RawFrame } from './frame-decoder.js';
import { splitHeaderLine } from './header-line.js';
import { EslHeaders } from './headers.js';

/** Everything FreeSWITCH sends on an event socket, by Content-Type. */
export type EslMessage =
  | { readonly kind: 'auth-request'; readonly headers: EslHeaders }
  /** `channelData` is set on the outbound `connect` reply: the serialized CHANNEL_DATA event (URL-decoded). */
  | { readonly kind: 'command-reply'; readonly headers: EslHeaders; readonly replyText: string; readonly channelData: EslEvent | undefined }
  | { readonly kind: 'api-response'; readonly headers: EslHeaders; readonly body: string }
  | { readonly kind: 'event'; readonly format: 'plain' | 'json'; readonly headers: EslHeaders; readonly event: EslEvent }
  /** text/event-xml is surfaced raw (not parsed). */
  | { readonly kind: 'event-xml'; readonly headers: EslHeaders; readonly body: string }
  | { readonly kind: 'disconnect-notice'; readonly headers: EslHeaders; readonly disposition: string | undefined; readonly body: string }
  | { readonly kind: 'log'; readonly headers: EslHeaders; readonly body: string }
  | { readonly kind: 'rude-rejection'; readonly headers: EslHeaders; readonly body: string }
  | { readonly kind: 'unknown'; readonly contentType: string | undefined; readonly headers: EslHeaders; readonly body: string };

function frameHeaders(lines: readonly string[]): EslHeaders | EslDecodeError {
  const entries: (readonly [string, string])[] = [];
  for (const line of lines) {
    const pair = splitHeaderLine(line);
    if (pair === undefined) return malformedHeader(line);
    entries.push(pair);
  }
  return new EslHeaders(entries);
}

/**
 * A command/reply that is a serialized event (the outbound `connect` reply: `Event-Name: CHANNEL_DATA` …
 * `Reply-Text: %2BOK%0A`) has every header URL-encoded; ordinary replies are sent verbatim.
 */
function commandReply(frame: RawFrame, headers: EslHeaders): EslMessage | EslDecodeError {
  if (!headers.has('Event-Name')) {
    return { kind: 'command-reply', headers, replyText: headers.get('Reply-Text') ?? '', channelData: undefined };
  }
  const decoded = decodeEventHeaders(frame.lines);
  if (isDecodeError(decoded)) return decoded;
  const decodedHeaders = new EslHeaders([...decoded].map(([name, value]) => [name, typeof value === 'string' ? value : value.join('|:')] as const));
  return { kind: 'command-reply', headers: decodedHeaders, replyText: decodedHeaders.get('Reply-Text') ?? '', channelData: new EslEvent(decoded) };
}

function eventMessage(format: 'plain' | 'json', headers: EslHeaders, event: EslEvent | EslDecodeError): EslMessage | EslDecodeError {
  return isDecodeError(event) ? event : { kind: 'event', format, headers, event };
}

/** Classifies one FreeSWITCH → client frame. */
export function toMessage(frame: RawFrame): EslMessage | EslDecodeError {
  const headers = frameHeaders(frame.lines);
  if (isDecodeError(headers)) return headers;
  const body = frame.body ?? Buffer.alloc(0);
  const text = (): string => body.toString('utf8');
  const contentType = headers.get('Content-Type');
  switch (contentType) {
    case 'auth/request':
      return { kind: 'auth-request', headers };
    case 'command/reply':
      return commandReply(frame, headers);
    case 'api/response':
      return { kind: 'api-response', headers, body: text() };
    case 'text/event-plain':
      return eventMessage('plain', headers, parsePlainEvent(body));
    case 'text/event-json':
      return eventMessage('json', headers, parseJsonEvent(body));
    case 'text/event-xml':
      return { kind: 'event-xml', headers, body: text() };
    case 'text/disconnect-notice':
      return { kind: 'disconnect-notice', headers, disposition: headers.get('Content-Disposition'), body: text() };
    case 'log/data':
      return { kind: 'log', headers, body: text() };
    case 'text/rude-rejection':
      return { kind: 'rude-rejection', headers, body: text() };
    default:
      return { kind: 'unknown', contentType, headers, body: text() };
  }
}
