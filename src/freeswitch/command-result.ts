import {
  FreeSwitchApplicationEndedError,
  FreeSwitchFailedCommandError,
  FreeSwitchNoReplyError,
  FreeSwitchTimeoutError,
  type FreeSwitchEventData,
} from 'esl-lite';

/** Why an inbound-socket command did not succeed. Never thrown: returned to the caller. */
export type CommandFailure =
  /** Bad arguments: nothing was sent. */
  | { readonly kind: 'invalid'; readonly message: string }
  /** FreeSWITCH ran the command and answered `-ERR …` / `-USAGE …` (the BACKGROUND_JOB body). */
  | { readonly kind: 'failed'; readonly reply: string; readonly message: string }
  /** FreeSWITCH refused the bgapi itself (command/reply `-ERR …`), or sent no Reply-Text. */
  | { readonly kind: 'rejected'; readonly reply: string; readonly message: string }
  /** No BACKGROUND_JOB within the timeout (FreeSWITCH down, or the job's event was lost in a reconnect). */
  | { readonly kind: 'timeout'; readonly message: string }
  /** Not connected to FreeSWITCH right now: nothing was sent (esl-lite would queue it and replay it much later). */
  | { readonly kind: 'disconnected'; readonly message: string }
  /** The node was stopped while the command was pending. */
  | { readonly kind: 'closed'; readonly message: string }
  /** uuid_kill of a leg this node has no evidence of (never originated here, never came up, or ended): not sent. */
  | { readonly kind: 'no-channel'; readonly message: string };

export type CommandResult = { readonly ok: true; readonly reply: string } | { readonly ok: false; readonly failure: CommandFailure };

type BgapiOutcome = FreeSwitchEventData | Error;

/** BACKGROUND_JOB body → result. FreeSWITCH marks failures with a leading `-` (`-ERR`, `-USAGE`). */
export function jobReply(body: string): CommandResult {
  const reply = body.trimEnd();
  if (reply.startsWith('-') || reply.endsWith('Command not found!')) {
    return { ok: false, failure: { kind: 'failed', reply, message: `FreeSWITCH answered ${JSON.stringify(reply)}` } };
  }
  return { ok: true, reply: reply.startsWith('+OK') ? reply.slice(3).trim() : reply };
}

/** esl-lite's bgapi outcome (event or error value) → result. */
export function commandResult(outcome: BgapiOutcome): CommandResult {
  if (!(outcome instanceof Error)) {
    const body = outcome.body.response;
    return jobReply(typeof body === 'string' ? body : '');
  }
  if (outcome instanceof FreeSwitchFailedCommandError) {
    return { ok: false, failure: { kind: 'rejected', reply: outcome.response, message: `FreeSWITCH refused the command: ${outcome.response}` } };
  }
  if (outcome instanceof FreeSwitchNoReplyError) {
    return { ok: false, failure: { kind: 'rejected', reply: '', message: 'FreeSWITCH sent a command/reply without Reply-Text' } };
  }
  if (outcome instanceof FreeSwitchTimeoutError) {
    return { ok: false, failure: { kind: 'timeout', message: outcome.message } };
  }
  if (outcome instanceof FreeSwitchApplicationEndedError) {
    return { ok: false, failure: { kind: 'closed', message: 'the FreeSWITCH node was stopped' } };
  }
  return { ok: false, failure: { kind: 'closed', message: outcome.message } };
}
