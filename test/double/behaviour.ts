/** How a scripted agent phone reacts to an originate. */
export type FailureOutcome = 'NO_ANSWER' | 'USER_BUSY' | 'CALL_REJECTED' | 'USER_NOT_REGISTERED' | 'SUBSCRIBER_ABSENT';

export type AgentBehaviour =
  /** Rings (CHANNEL_PROGRESS) then answers after `answerAfterMs`; NO_ANSWER if the originate times out first. */
  | { readonly answerAfterMs: number }
  /** NO_ANSWER rings until the originate timeout; USER_BUSY / CALL_REJECTED refuse after `afterMs` of ringing;
   *  USER_NOT_REGISTERED / SUBSCRIBER_ABSENT fail at once with no channel at all. */
  | { readonly outcome: FailureOutcome; readonly afterMs?: number };

/** Variables FreeSWITCH sets on a leg ending with `cause`, as seen in the captures (sofia, sipp peers). */
export function hangupVariables(cause: string, side: 'remote' | 'local', answered: boolean): Array<readonly [string, string]> {
  if (answered || cause === 'NORMAL_CLEARING') {
    return side === 'remote'
      ? [['sip_term_status', '200'], ['proto_specific_hangup_cause', 'sip:200'], ['sip_hangup_disposition', 'recv_bye']]
      : [['sip_hangup_disposition', 'send_bye']];
  }
  switch (cause) {
    case 'USER_BUSY':
      return refused('486', 'Busy Here');
    case 'CALL_REJECTED':
      return refused('603', 'Decline');
    default:
      // NO_ANSWER, ORIGINATOR_CANCEL, LOSE_RACE: FreeSWITCH sends CANCEL, the phone answers 487.
      return [['sip_hangup_disposition', 'send_cancel'], ['sip_invite_failure_status', '487'], ['sip_invite_failure_phrase', 'CANCEL']];
  }
}

function refused(status: string, phrase: string): Array<readonly [string, string]> {
  return [
    ['sip_term_status', status],
    ['proto_specific_hangup_cause', `sip:${status}`],
    ['sip_hangup_disposition', 'recv_refuse'],
    ['sip_invite_failure_status', status],
    ['sip_invite_failure_phrase', phrase],
  ];
}
