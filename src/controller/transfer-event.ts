// A transfer by the agent, as FreeSWITCH reports it. Two signals (sofia.c, sofia_handle_sip_i_refer):
// - on the caller's leg, CUSTOM sofia::transferee (only with fire-transfer-events=true on the profile): the REFER
//   target is the user part of sip_refer_to, and a Replaces parameter in it means an attended transfer;
// - on the agent's leg, always, whatever that setting: every REFER leaves transfer_disposition=recv_replace; a blind
//   one also endpoint_disposition=BLIND_TRANSFER and transfer_destination=blind:<target>, an attended one
//   refer_uuid=<the consult leg>, which ended just before with transfer_disposition=replaced and the target as its
//   destination number. FreeSWITCH then BYEs the agent (send_bye).
// Scenarios 10 and 13 of the captures show both.
import { urlDecode, type EslEvent } from '../esl/index.js';

export interface ReportedTransfer {
  readonly transfer: 'blind' | 'attended';
  readonly target: string;
}

export function transferFromEvent(event: EslEvent): ReportedTransfer | undefined {
  if (event.name !== 'CUSTOM' || event.subclass !== 'sofia::transferee') return undefined;
  const referTo = event.get('variable_sip_refer_to');
  if (referTo === undefined) return undefined;
  const user = /sips?:([^@;?>]+)/.exec(referTo)?.[1];
  if (user === undefined) return undefined;
  // A malformed escape (`%E9` alone) stays as FreeSWITCH sent it: decodeURIComponent would throw, and the throw
  // (caught by esl-lite) would lose a transfer that did happen.
  return { transfer: /[?&]Replaces=/i.test(referTo) ? 'attended' : 'blind', target: urlDecode(user) };
}

const BLIND_DESTINATION = 'blind:';

/** A consult leg an attended REFER replaced: its uuid and the number it called (the transfer's target). */
export interface ReplacedLeg {
  readonly uuid: string;
  readonly destination: string;
}

/** From any leg's CHANNEL_HANGUP_COMPLETE: the consult leg of an attended transfer, or undefined. */
export function replacedLegFromHangup(event: EslEvent): ReplacedLeg | undefined {
  if (event.get('variable_transfer_disposition') !== 'replaced') return undefined;
  return { uuid: event.get('Unique-ID') ?? '', destination: event.get('Caller-Destination-Number') ?? '' };
}

/**
 * The agent leg's CHANNEL_HANGUP_COMPLETE after its phone transferred the caller (undefined: it did not). The blind
 * target is the REFER's user part as sofia took it; the attended one the destination of the replaced consult leg,
 * looked up by refer_uuid (empty when that leg was not seen).
 */
export function transferFromAgentHangup(event: EslEvent, consultDestination: (uuid: string) => string | undefined): ReportedTransfer | undefined {
  if (event.get('variable_transfer_disposition') !== 'recv_replace') return undefined;
  if (event.get('variable_endpoint_disposition') === 'BLIND_TRANSFER') {
    const destination = event.get('variable_transfer_destination') ?? '';
    return { transfer: 'blind', target: destination.startsWith(BLIND_DESTINATION) ? urlDecode(destination.slice(BLIND_DESTINATION.length)) : '' };
  }
  const consult = event.get('variable_refer_uuid');
  return { transfer: 'attended', target: consult === undefined ? '' : (consultDestination(consult) ?? '') };
}
