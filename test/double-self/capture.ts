import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EslDecoder, FrameDecoder, type EslEvent, type EslMessage } from '../../src/esl/index.js';
import { scenariosDir } from '../support/paths.js';

/** One recorded connection: what FreeSWITCH sent (decoded) and the exact command frames the client sent. */
export interface RecordedConnection {
  readonly received: readonly EslMessage[];
  readonly sent: readonly Buffer[];
}

function decodeMessages(data: Buffer): EslMessage[] {
  return new EslDecoder().push(data).map((r) => {
    if (!r.ok) throw new Error(r.error.message);
    return r.message;
  });
}

/** Splits a *.sent.txt into its command frames, byte for byte. */
function splitFrames(data: Buffer): Buffer[] {
  return new FrameDecoder().push(data).map((r) => {
    if (!r.ok) throw new Error(r.error.message);
    return Buffer.concat([Buffer.from(`${r.frame.lines.join('\n')}\n\n`), r.frame.body ?? Buffer.alloc(0)]);
  });
}

export function loadConnection(scenario: string, name: 'inbound-esl' | 'outbound-esl'): RecordedConnection {
  const dir = join(scenariosDir, scenario);
  return { received: decodeMessages(readFileSync(join(dir, `${name}.txt`))), sent: splitFrames(readFileSync(join(dir, `${name}.sent.txt`))) };
}

/** Unique-ID of the outbound session's channel (from the connect reply). */
export function controlledUuid(connection: RecordedConnection): string {
  const reply = connection.received.find((m) => m.kind === 'command-reply' && m.channelData !== undefined);
  const uuid = reply?.kind === 'command-reply' ? reply.channelData?.get('Unique-ID') : undefined;
  if (uuid === undefined) throw new Error('no connect reply in the capture');
  return uuid;
}

/** `CHANNEL_EXECUTE_COMPLETE:playback`, `BACKGROUND_JOB:originate`, `CUSTOM:sofia::transferor`, plain names otherwise. */
function label(event: EslEvent): string {
  const detail = event.get('Application') ?? event.get('Job-Command') ?? event.subclass;
  return detail === undefined ? event.name : `${event.name}:${detail}`;
}

/** Event labels per leg role (`roles` maps uuid → role; jobs go under `job`), in arrival order. */
export function sequencesByRole(messages: readonly EslMessage[], roles: ReadonlyMap<string, string>, include: (event: EslEvent) => boolean = () => true): Record<string, string[]> {
  const sequences: Record<string, string[]> = {};
  for (const message of messages) {
    if (message.kind !== 'event' || !include(message.event)) continue;
    const uuid = message.event.get('Unique-ID');
    const role = uuid === undefined ? 'job' : (roles.get(uuid) ?? 'other');
    (sequences[role] ??= []).push(label(message.event));
  }
  return sequences;
}

/** Events (by label and leg role) and disconnect notices, in order; replies are compared apart (see `replies`). */
export function transcript(messages: readonly EslMessage[], roles: ReadonlyMap<string, string>, include: (event: EslEvent) => boolean = () => true): string[] {
  return messages.flatMap((m): string[] => {
    switch (m.kind) {
      case 'command-reply':
      case 'api-response':
        return [];
      case 'disconnect-notice':
        // Where the linger notice falls among the last events varies between FreeSWITCH runs (02, 04): see `notices`.
        return m.disposition === 'linger' ? [] : [`notice ${m.disposition ?? '-'}`];
      case 'event': {
        if (!include(m.event)) return [];
        const uuid = m.event.get('Unique-ID');
        return [`${label(m.event)}(${uuid === undefined ? '-' : (roles.get(uuid) ?? 'other')})`];
      }
      default:
        return [m.kind];
    }
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Known uuids → their role, other uuids (FreeSWITCH-generated) → `<uuid>`. */
function normalize(text: string, roles: ReadonlyMap<string, string>): string {
  return text.replace(UUID, (uuid) => roles.get(uuid) ?? '<uuid>');
}

/** `name=value` of the given headers on each event (uuids as roles), to compare value by value. */
export function keyHeaders(messages: readonly EslMessage[], roles: ReadonlyMap<string, string>, names: readonly string[]): string[] {
  return messages.flatMap((m) => {
    if (m.kind !== 'event') return [];
    const values = names.flatMap((n) => {
      const v = m.event.get(n);
      return v === undefined ? [] : [`${n}=${normalize(v, roles)}`];
    });
    const body = m.event.body === undefined ? '' : ` body=${JSON.stringify(normalize(m.event.body, roles))}`;
    return [`${label(m.event)}(${normalize(m.event.get('Unique-ID') ?? '-', roles)}) ${values.join(' ')}${body}`];
  });
}

/** Reply texts and api bodies in order (Job-UUIDs normalized). */
export function replies(messages: readonly EslMessage[], roles: ReadonlyMap<string, string>): string[] {
  return messages.flatMap((m) =>
    m.kind === 'command-reply' ? [normalize(m.replyText, roles).replace(/<uuid>/g, '<job>')] : m.kind === 'api-response' ? [`api ${m.body}`] : [],
  );
}

/** Every disconnect notice with its headers (uuids as roles) and body, in order. */
export function notices(messages: readonly EslMessage[], roles: ReadonlyMap<string, string>): string[] {
  return messages.flatMap((m) =>
    m.kind === 'disconnect-notice' ? [`${normalize(m.headers.entries.map(([n, v]) => `${n}=${v}`).join(' '), roles)} body=${JSON.stringify(m.body)}`] : [],
  );
}
