import type { EslEvent } from '../esl/event.js';

/** The controlled channel, from the outbound `connect` reply (a serialized CHANNEL_DATA event, URL-decoded). */
export interface ChannelData {
  readonly uuid: string;
  readonly channelName: string;
  readonly callerIdNumber: string;
  readonly callerIdName: string;
  readonly destinationNumber: string;
  /** Channel variables without the `variable_` prefix (e.g. `sip_call_id`, `socket_host`). */
  readonly variables: ReadonlyMap<string, string>;
  readonly event: EslEvent;
}

const VARIABLE_PREFIX = 'variable_';

/** undefined when the reply carries no Unique-ID (not a channel: nothing can be controlled). */
export function toChannelData(event: EslEvent): ChannelData | undefined {
  const uuid = event.get('Unique-ID');
  if (uuid === undefined || uuid === '') return undefined;
  const variables = new Map<string, string>();
  for (const name of event.headers.keys()) {
    const value = event.get(name);
    if (name.startsWith(VARIABLE_PREFIX) && value !== undefined) variables.set(name.slice(VARIABLE_PREFIX.length), value);
  }
  return {
    uuid,
    channelName: event.get('Channel-Name') ?? '',
    callerIdNumber: event.get('Caller-Caller-ID-Number') ?? '',
    callerIdName: event.get('Caller-Caller-ID-Name') ?? '',
    destinationNumber: event.get('Caller-Destination-Number') ?? '',
    variables,
    event,
  };
}
