import type { FreeSwitchEventData } from 'esl-lite';
import { isDecodeError } from '../esl/errors.js';
import type { EslEvent } from '../esl/event.js';
import { parseJsonEvent } from '../esl/event-json.js';

/**
 * Channel events the controller follows on the inbound socket (all legs, agent legs included: outbound-mode
 * `myevents` only sees the caller). Never `ALL`: esl-lite drops its connection on an Event-Name it does not know.
 */
export const INBOUND_EVENT_NAMES = [
  'CHANNEL_CREATE',
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_ANSWER',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_ORIGINATE',
  'DTMF',
] as const;

/** Fired only with `fire-transfer-events=true` on the sofia profile. */
export const INBOUND_CUSTOM_SUBCLASSES = ['sofia::transferor', 'sofia::transferee', 'sofia::replaced'] as const;

/**
 * esl-lite's parsed JSON body → our EslEvent (the type the outbound side uses too), through the codec's own
 * JSON reader so both sides accept exactly the same events. undefined for a body that is not an event.
 */
export function toEslEvent(data: FreeSwitchEventData): EslEvent | undefined {
  const event = parseJsonEvent(Buffer.from(JSON.stringify(data.body.data), 'utf8'));
  return isDecodeError(event) ? undefined : event;
}
