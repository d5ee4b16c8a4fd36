// A transfer by the agent, as FreeSWITCH reports it. Two signals (sofia.c, sofia_handle_sip_i_refer):
// - on the caller's leg, CUSTOM sofia::transferee (only with fire-transfer-events=true on the profile): the REFER
//   target is the user part of sip_refer_to, and a Replaces parameter in it means an attended transfer;
// - on the agent's leg, always, whatever that setting: a blind REFER leaves endpoint_disposition=BLIND_TRANSFER and
//   transfer_destination=blind:<target> on it, and FreeSWITCH then BYEs the agent (send_bye). An attended REFER
//   leaves no such mark (endpoint_disposition stays ANSWER).
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

/**
 * The agent leg's CHANNEL_HANGUP_COMPLETE after its phone blind-transferred the caller. The target is the REFER's
 * user part as sofia took it (percent-decoded like sip_refer_to's above); empty if the header is missing.
 */
export function blindTransferFromAgentHangup(event: EslEvent): ReportedTransfer | undefined {
  if (event.get('variable_endpoint_disposition') !== 'BLIND_TRANSFER') return undefined;
  const destination = event.get('variable_transfer_destination') ?? '';
  return { transfer: 'blind', target: destination.startsWith(BLIND_DESTINATION) ? urlDecode(destination.slice(BLIND_DESTINATION.length)) : '' };
}
