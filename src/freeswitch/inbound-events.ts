import type { FreeSwitchEventData } from 'esl-lite';
import { isDecodeError } from '../esl/errors.js';
import type { EslEvent } from '../esl/event.js';
import { jsonObjectEvent } from '../esl/event-json.js';

/**
 * The evidence that an originated leg exists before its originate ends (InboundNode holds a kill until then);
 * kept by the node, not forwarded to the controller.
 */
export const LEG_CREATED = 'CHANNEL_CREATE';

/**
 * Channel events followed on the inbound socket: the end of a leg (agent legs are visible nowhere else; an
 * originate's answer comes back in its BACKGROUND_JOB), and the creation of a leg (see LEG_CREATED). The inbound
 * socket sees every channel on the switch, so each name more is one event more per call for FreeSWITCH to send
 * and for us to parse, unless INBOUND_FILTERS narrows it. Never `ALL`: esl-lite drops its connection on an
 * Event-Name it does not know.
 */
export const INBOUND_EVENT_NAMES = [LEG_CREATED, 'CHANNEL_HANGUP_COMPLETE'] as const;

/** Set on every leg this node originates, so that the event filter lets that leg's CHANNEL_CREATE through. */
export const LEG_MARKER = { name: 'lineup_leg', value: 'agent' } as const;

/**
 * `filter <header> <value>` lines sent after each auth. mod_event_socket.c event_handler: once a listener has
 * filters, a subscribed event is sent only if one of its headers equals one filter's value. So: every end of leg
 * and every subscribed CUSTOM event as before, esl-lite's BACKGROUND_JOB results, and CHANNEL_CREATE of our own
 * legs only (a caller's is of no use to the node). It also drops esl-lite's own CHANNEL_EXECUTE_COMPLETE
 * subscription (for its command_uuid, unused here) for every channel but ours: ~6.7 KB of JSON per application
 * a channel runs, six per answered call in scenarios/01-answer-bridge.
 */
export const INBOUND_FILTERS: ReadonlyArray<readonly [string, string]> = [
  ['Event-Name', 'CHANNEL_HANGUP_COMPLETE'],
  ['Event-Name', 'CUSTOM'],
  ['Event-Name', 'BACKGROUND_JOB'],
  [`variable_${LEG_MARKER.name}`, LEG_MARKER.value],
];

/** Fired by the dialplan of agents' own calls (`event` application, see controller/external-calls.ts). */
export const AGENT_CALL_SUBCLASS = 'lineup::agent_call';

/** sofia::* are fired only with `fire-transfer-events=true` on the sofia profile. */
export const INBOUND_CUSTOM_SUBCLASSES = ['sofia::transferor', 'sofia::transferee', 'sofia::replaced', AGENT_CALL_SUBCLASS] as const;

/**
 * esl-lite's parsed JSON body → our EslEvent (the type the outbound side uses too), through the codec's own
 * checks so both sides accept exactly the same events. undefined for a body that is not an event.
 */
export function toEslEvent(data: FreeSwitchEventData): EslEvent | undefined {
  const event = jsonObjectEvent(data.body.data);
  return isDecodeError(event) ? undefined : event;
}
