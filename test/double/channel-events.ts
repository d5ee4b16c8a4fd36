import { randomUUID } from 'node:crypto';
import { EslEvent, type EslHeaderValue } from '../../src/esl/index.js';
import { STATE_NUMBERS, type Channel } from './channel.js';

type Headers = Array<readonly [string, EslHeaderValue]>;

/** Events without the channel variables (FreeSWITCH fires these "non-verbose"). */
const TERSE_EVENTS = new Set(['CHANNEL_STATE', 'DTMF', 'CHANNEL_CALLSTATE']);

/** Where FreeSWITCH puts Hangup-Cause: before Channel-State on HANGUP_COMPLETE, after Answer-State otherwise. */
const HANGUP_CAUSE_FIRST = new Set(['CHANNEL_HANGUP_COMPLETE']);

export interface EventOptions {
  /** Headers right after the Event-* preamble (Bridge-A-Unique-ID …). */
  readonly pre?: Headers;
  /** Headers after the variables (Application …, Playback-*, DTMF-*). */
  readonly post?: Headers;
  readonly body?: string;
  readonly callingFile?: string;
  readonly callingFunction?: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Builds events with the header layout of FreeSWITCH 1.10 (switch_event_prep + switch_channel_event_set_data). */
export class EventFactory {
  private sequence = 1000;
  readonly coreUuid = randomUUID();

  constructor(private readonly nowMicros: () => number) {}

  private preamble(name: string, callingFile: string, callingFunction: string, subclass?: string): Headers {
    const micros = this.nowMicros();
    const date = new Date(Math.floor(micros / 1000));
    const local = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    this.sequence += 1;
    return [
      ...(subclass === undefined ? [] : [['Event-Subclass', subclass] as const]),
      ['Event-Name', name],
      ['Core-UUID', this.coreUuid],
      ['FreeSWITCH-Hostname', 'double'],
      ['FreeSWITCH-Switchname', 'double'],
      ['FreeSWITCH-IPv4', '127.0.0.1'],
      ['FreeSWITCH-IPv6', '::1'],
      ['Event-Date-Local', local],
      ['Event-Date-GMT', date.toUTCString()],
      ['Event-Date-Timestamp', String(micros)],
      ['Event-Calling-File', callingFile],
      ['Event-Calling-Function', callingFunction],
      ['Event-Calling-Line-Number', '1'],
      ['Event-Sequence', String(this.sequence)],
    ];
  }

  /** A non-channel event (BACKGROUND_JOB, API …). */
  plain(name: string, headers: Headers, body?: string): EslEvent {
    return new EslEvent([...this.preamble(name, 'mod_event_socket.c', 'api_exec'), ...headers], body);
  }

  /** A channel event; `peer` fills Other-Type / Other-Leg-*. CUSTOM events pass `subclass`. */
  channel(name: string, channel: Channel, peer: Channel | undefined, options: EventOptions = {}, subclass?: string): EslEvent {
    const hangupCause: Headers = channel.hangupCause === undefined ? [] : [['Hangup-Cause', channel.hangupCause]];
    const headers: Headers = [
      ...this.preamble(name, options.callingFile ?? 'switch_channel.c', options.callingFunction ?? 'switch_channel_event', subclass),
      ...(options.pre ?? []),
      ...(HANGUP_CAUSE_FIRST.has(name) ? hangupCause : []),
      ['Channel-State', channel.state],
      ['Channel-Call-State', channel.callState],
      ['Channel-State-Number', String(STATE_NUMBERS[channel.state])],
      ['Channel-Name', channel.name],
      ['Unique-ID', channel.uuid],
      ['Call-Direction', channel.direction],
      ['Presence-Call-Direction', channel.direction],
      ['Channel-HIT-Dialplan', channel.direction === 'inbound' ? 'true' : 'false'],
      ['Channel-Call-UUID', channel.bridge?.a ?? channel.uuid],
      ['Answer-State', channel.answerState],
      ...(HANGUP_CAUSE_FIRST.has(name) ? [] : hangupCause),
      ...profileHeaders('Caller', channel),
      ...(peer !== undefined && channel.peer !== undefined ? [['Other-Type', channel.peer.role] as const, ...profileHeaders('Other-Leg', peer)] : []),
      ...(TERSE_EVENTS.has(name) ? [] : [...channel.variables].map(([key, value]) => [`variable_${key}`, value] as const)),
      ...(options.post ?? []),
    ];
    return new EslEvent(headers, options.body);
  }
}

function profileHeaders(prefix: string, channel: Channel): Headers {
  const p = channel.profile;
  const optional = (name: string, value: string | undefined): Headers => (value === undefined ? [] : [[`${prefix}-${name}`, value]]);
  return [
    [`${prefix}-Direction`, channel.direction],
    [`${prefix}-Logical-Direction`, channel.direction],
    ...optional('Username', p.username),
    ...optional('Dialplan', p.dialplan),
    [`${prefix}-Caller-ID-Name`, p.callerIdName],
    [`${prefix}-Caller-ID-Number`, p.callerIdNumber],
    [`${prefix}-Orig-Caller-ID-Name`, p.callerIdName],
    [`${prefix}-Orig-Caller-ID-Number`, p.callerIdNumber],
    ...optional('Callee-ID-Name', p.calleeIdName),
    ...optional('Callee-ID-Number', p.calleeIdNumber),
    ...optional('Network-Addr', p.networkAddr),
    [`${prefix}-ANI`, p.ani],
    [`${prefix}-Destination-Number`, p.destinationNumber],
    [`${prefix}-Unique-ID`, channel.uuid],
    [`${prefix}-Source`, p.source],
    [`${prefix}-Context`, p.context],
    [`${prefix}-Channel-Name`, channel.name],
    [`${prefix}-Profile-Index`, '1'],
    [`${prefix}-Profile-Created-Time`, String(channel.createdAt)],
    [`${prefix}-Channel-Created-Time`, String(channel.createdAt)],
    [`${prefix}-Channel-Answered-Time`, String(channel.answeredAt)],
    [`${prefix}-Channel-Progress-Time`, String(channel.progressAt)],
    [`${prefix}-Channel-Progress-Media-Time`, '0'],
    [`${prefix}-Channel-Hangup-Time`, String(channel.hangupAt)],
    [`${prefix}-Channel-Transfer-Time`, '0'],
    [`${prefix}-Channel-Resurrect-Time`, '0'],
    [`${prefix}-Channel-Bridged-Time`, String(channel.bridgedAt)],
    [`${prefix}-Channel-Last-Hold`, '0'],
    [`${prefix}-Channel-Hold-Accum`, '0'],
    [`${prefix}-Screen-Bit`, 'true'],
    [`${prefix}-Privacy-Hide-Name`, 'false'],
    [`${prefix}-Privacy-Hide-Number`, 'false'],
  ];
}
