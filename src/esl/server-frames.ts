import type { EventFormat } from './commands.js';
import { EslEvent } from './event.js';
import { serializeJsonEvent } from './event-json.js';
import { encodeEventValue, serializePlainEvent } from './event-plain.js';
import { byteLength, encodeFrame, headerLine } from './frame-encoder.js';

/** FreeSWITCH → client frames, laid out as mod_event_socket writes them (header order from the captures). */

export function authRequestFrame(): Buffer {
  return encodeFrame(['Content-Type: auth/request']);
}

/** e.g. `+OK accepted`; extra headers follow Reply-Text (bgapi: `Job-UUID`). */
export function commandReplyFrame(replyText: string, extra: ReadonlyArray<readonly [string, string]> = []): Buffer {
  return encodeFrame(['Content-Type: command/reply', headerLine('Reply-Text', replyText), ...extra.map(([n, v]) => headerLine(n, v))]);
}

export function apiResponseFrame(body: string): Buffer {
  return encodeFrame(['Content-Type: api/response', `Content-Length: ${byteLength(body)}`], body);
}

export function eventFrame(event: EslEvent, format: EventFormat): Buffer {
  const body = format === 'json' ? serializeJsonEvent(event) : serializePlainEvent(event);
  return encodeFrame([`Content-Length: ${byteLength(body)}`, `Content-Type: text/event-${format}`], body);
}

/** The outbound `connect` reply: the CHANNEL_DATA event serialized (URL-encoded) plus the reply headers, no body. */
export function channelDataReplyFrame(channelData: EslEvent): Buffer {
  const reply = new EslEvent([
    ...channelData.headers,
    ['Content-Type', 'command/reply'],
    ['Reply-Text', '+OK\n'],
    ['Socket-Mode', 'async'],
    ['Control', 'full'],
  ]);
  return encodeFrame([...reply.headers].map(([name, value]) => `${name}: ${encodeEventValue(value)}`));
}

/** Outbound socket with `linger`: the channel hung up, the socket stays open. */
export function lingerNoticeFrame(sessionUuid: string, channelName: string, lingerSeconds: number): Buffer {
  return encodeFrame([
    'Content-Type: text/disconnect-notice',
    headerLine('Controlled-Session-UUID', sessionUuid),
    'Content-Disposition: linger',
    headerLine('Channel-Name', channelName),
    `Linger-Time: ${lingerSeconds}`,
    'Content-Length: 0',
  ]);
}

export const DISCONNECT_BODY = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';

/** Final notice before FreeSWITCH closes; outbound sockets add the session uuid and disposition. */
export function disconnectNoticeFrame(sessionUuid?: string): Buffer {
  const session = sessionUuid === undefined ? [] : [headerLine('Controlled-Session-UUID', sessionUuid), 'Content-Disposition: disconnect'];
  return encodeFrame(['Content-Type: text/disconnect-notice', ...session, `Content-Length: ${byteLength(DISCONNECT_BODY)}`], DISCONNECT_BODY);
}

export function rudeRejectionFrame(): Buffer {
  const body = 'Access Denied, go away.\n';
  return encodeFrame(['Content-Type: text/rude-rejection', `Content-Length: ${byteLength(body)}`], body);
}
