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
 * and for us to parse. Never `ALL`: esl-lite drops its connection on an Event-Name it does not know.
 */
export const INBOUND_EVENT_NAMES = [LEG_CREATED, 'CHANNEL_HANGUP_COMPLETE'] as const;

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
