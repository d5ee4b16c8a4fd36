import { byteLength, encodeFrame, headerLine } from './frame-encoder.js';

/** Client → FreeSWITCH commands, byte-for-byte as in the recorded sessions (*.sent.txt). */

export type EventFormat = 'plain' | 'json';

export function authCommand(password: string): Buffer {
  return encodeFrame([`auth ${password}`]);
}

/** Outbound mode: first command on a socket FreeSWITCH opened; answered by the CHANNEL_DATA reply. */
export function connectCommand(): Buffer {
  return encodeFrame(['connect']);
}

export function myeventsCommand(format?: EventFormat): Buffer {
  return encodeFrame([format === undefined ? 'myevents' : `myevents ${format}`]);
}

/** `event json A B CUSTOM sub1 sub2` — every token after CUSTOM is a subclass, so CUSTOM goes last. */
export function eventCommand(format: EventFormat, names: readonly string[], customSubclasses: readonly string[] = []): Buffer {
  const custom = customSubclasses.length > 0 ? ['CUSTOM', ...customSubclasses] : [];
  return encodeFrame([['event', format, ...names, ...custom].join(' ')]);
}

/** No argument = linger until `exit` (FreeSWITCH: Linger-Time -1). */
export function lingerCommand(seconds?: number): Buffer {
  return encodeFrame([seconds === undefined ? 'linger' : `linger ${seconds}`]);
}

export function exitCommand(): Buffer {
  return encodeFrame(['exit']);
}

export function resumeCommand(): Buffer {
  return encodeFrame(['resume']);
}

/** `api` runs in FreeSWITCH's listener thread and blocks the socket; prefer bgapi on :8021. */
export function apiCommand(command: string): Buffer {
  return encodeFrame([`api ${command}`]);
}

/** With a Job-UUID the BACKGROUND_JOB can be matched before the command/reply arrives. */
export function bgapiCommand(command: string, jobUuid?: string): Buffer {
  return encodeFrame([`bgapi ${command}`, ...(jobUuid === undefined ? [] : [headerLine('Job-UUID', jobUuid)])]);
}

export interface ExecuteMessage {
  readonly callCommand: 'execute';
  readonly appName: string;
  readonly appArg?: string;
  /** Comes back as Application-UUID on CHANNEL_EXECUTE / CHANNEL_EXECUTE_COMPLETE. */
  readonly eventUuid?: string;
  /** Stops FreeSWITCH from running the next queued message nested inside this app. */
  readonly eventLock?: boolean;
  readonly loops?: number;
  readonly holdBleg?: boolean;
}

export interface HangupMessage {
  readonly callCommand: 'hangup';
  readonly hangupCause?: string;
}

export type SendMessage = ExecuteMessage | HangupMessage;

/** Arguments longer than this, or with line breaks, go in a text/plain body (FreeSWITCH reads the arg from it). */
const MAX_HEADER_ARG_BYTES = 1024;

function executeHeaders(message: ExecuteMessage): { lines: string[]; body: string | undefined } {
  const lines = ['call-command: execute', headerLine('execute-app-name', message.appName)];
  const arg = message.appArg;
  const argInBody = arg !== undefined && (/[\r\n]/.test(arg) || Buffer.byteLength(arg, 'utf8') > MAX_HEADER_ARG_BYTES);
  if (arg !== undefined && !argInBody) lines.push(headerLine('execute-app-arg', arg));
  if (message.loops !== undefined) lines.push(`loops: ${message.loops}`);
  if (message.holdBleg === true) lines.push('hold-bleg: true');
  if (message.eventLock === true) lines.push('event-lock: true');
  if (message.eventUuid !== undefined) lines.push(headerLine('Event-UUID', message.eventUuid));
  if (!argInBody) return { lines, body: undefined };
  lines.push('content-type: text/plain', `content-length: ${byteLength(arg)}`);
  return { lines, body: arg };
}

/** `sendmsg [uuid]` — no uuid = the channel controlled by this outbound socket. */
export function sendmsgCommand(uuid: string | undefined, message: SendMessage): Buffer {
  const first = uuid === undefined ? 'sendmsg' : `sendmsg ${uuid}`;
  if (message.callCommand === 'hangup') {
    const cause = message.hangupCause === undefined ? [] : [headerLine('hangup-cause', message.hangupCause)];
    return encodeFrame([first, 'call-command: hangup', ...cause]);
  }
  const { lines, body } = executeHeaders(message);
  return encodeFrame([first, ...lines], body);
}
