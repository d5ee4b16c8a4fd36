import type { CommandFailure, CommandResult } from './command-result.js';

/** Hangup causes an agent leg ends with when it does not answer (mod_commands: `-ERR <cause>`). */
export type OriginateHangupCause =
  | 'NO_ANSWER'
  | 'USER_BUSY'
  | 'CALL_REJECTED'
  | 'NO_USER_RESPONSE'
  | 'RECOVERY_ON_TIMER_EXPIRE'
  | 'ORIGINATOR_CANCEL'
  | 'LOSE_RACE'
  | 'USER_NOT_REGISTERED'
  | 'SUBSCRIBER_ABSENT'
  | 'UNALLOCATED_NUMBER'
  | 'NORMAL_TEMPORARY_FAILURE';

export type OriginateResult =
  | { readonly ok: true; readonly uuid: string }
  /**
   * `cause` is FreeSWITCH's hangup cause when it answered `-ERR <cause>` (other causes than the listed ones are
   * possible, hence `string`), or `ESL_<KIND>` when the command could not be run or its result was not received.
   */
  | { readonly ok: false; readonly cause: OriginateHangupCause | (string & {}); readonly failure: CommandFailure };

export function originateResult(result: CommandResult): OriginateResult {
  if (result.ok) {
    const [uuid = ''] = result.reply.split(/\s+/, 1);
    return { ok: true, uuid };
  }
  const { failure } = result;
  if (failure.kind === 'failed' && failure.reply.startsWith('-ERR ')) {
    return { ok: false, cause: failure.reply.slice(5).trim(), failure };
  }
  return { ok: false, cause: `ESL_${failure.kind.toUpperCase()}`, failure };
}
