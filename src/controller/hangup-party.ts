// Who ended a connected call, from one leg's CHANNEL_HANGUP_COMPLETE. The caller's and the agent's hang-up events
// reach us on different sockets, so their arrival order proves nothing; what FreeSWITCH puts on either leg does:
// - sip_hangup_disposition (mod_sofia, SIP legs only): recv_* means that leg's phone hung up, send_* means
//   FreeSWITCH hung it up because the other side left (scenarios 01 and 02 of the captures);
// - on any endpoint (loopback, verto …), switch_channel_perform_hangup (switch_channel.c) gives the first leg of a
//   bridge to hang up last_bridge_role, and its partner last_bridge_hangup_cause; the leg FreeSWITCH hangs up after
//   the bridge gets neither mark itself (captures 01 and 02 show exactly this).
// A leg with none of these (it vanished unseen, or it hung up before the bridge was up) counts as the one that left:
// then the first HANGUP_COMPLETE to arrive decides.
import type { EslEvent } from '../esl/index.js';

export type CallLeg = 'caller' | 'agent';

export function partyThatHungUp(leg: CallLeg, hangup: EslEvent | undefined): CallLeg {
  const other: CallLeg = leg === 'caller' ? 'agent' : 'caller';
  const disposition = hangup?.get('variable_sip_hangup_disposition');
  if (disposition !== undefined) return disposition.startsWith('send_') ? other : leg;
  if (hangup?.get('variable_last_bridge_role') === undefined && hangup?.get('variable_last_bridge_hangup_cause') !== undefined) return other;
  return leg;
}
