// Who ended a connected call. The caller's and the agent's hang-up events reach us on different
// sockets, so their arrival order proves nothing; FreeSWITCH's sip_hangup_disposition on either
// leg does: recv_* means that leg's phone hung up, send_* means FreeSWITCH hung it up because the
// other side left (scenarios 01 and 02 of the captures).
export type CallLeg = 'caller' | 'agent';

export function partyThatHungUp(leg: CallLeg, disposition: string | undefined): CallLeg {
  const other: CallLeg = leg === 'caller' ? 'agent' : 'caller';
  return disposition?.startsWith('send_') === true ? other : leg;
}
