import { checkUuid, commandError, type BuiltCommand } from './built-command.js';

/**
 * uuid_* API command lines (mod_commands.c). Arguments are split on blanks by FreeSWITCH, so tokens are checked
 * for spaces. Replies, as BACKGROUND_JOB bodies: uuid_bridge `+OK <other>` / `-ERR Invalid uuid`; uuid_kill,
 * uuid_transfer `+OK` / `-ERR No Such Channel!`; uuid_exists `true` / `false`.
 */

const TOKEN = /^[^\s'"\\]+$/;
const CAUSE = /^[A-Z_]+$/;

function checkToken(what: string, value: string): BuiltCommand | undefined {
  return TOKEN.test(value) ? undefined : commandError(`${what} ${JSON.stringify(value)} must be one word without spaces, quotes or backslashes.`);
}

function firstProblem(...checks: Array<BuiltCommand | undefined>): BuiltCommand | undefined {
  return checks.find((check) => check !== undefined);
}

function built(problem: BuiltCommand | undefined, command: string): BuiltCommand {
  return problem ?? { ok: true, command };
}

/** Bridges two live channels (the controller's caller and the answered, parked agent leg). */
export function bridgeCommand(callerUuid: string, agentUuid: string): BuiltCommand {
  const problem = firstProblem(checkUuid('uuid_bridge caller uuid', callerUuid), checkUuid('uuid_bridge agent uuid', agentUuid));
  return built(problem, `uuid_bridge ${callerUuid} ${agentUuid}`);
}

/** Hangs a channel up with a cause name such as ORIGINATOR_CANCEL or NORMAL_CLEARING. */
export function killCommand(uuid: string, cause: string): BuiltCommand {
  const problem = firstProblem(
    checkUuid('uuid_kill uuid', uuid),
    CAUSE.test(cause) ? undefined : commandError(`uuid_kill cause ${JSON.stringify(cause)} must be a FreeSWITCH cause name like NORMAL_CLEARING.`),
  );
  return built(problem, `uuid_kill ${uuid} ${cause}`);
}

/** Sends the channel to `destination` in the XML dialplan `context` (blind transfer, e.g. on max wait). */
export function transferCommand(uuid: string, destination: string, context: string): BuiltCommand {
  const problem = firstProblem(
    checkUuid('uuid_transfer uuid', uuid),
    checkToken('uuid_transfer destination', destination),
    checkToken('uuid_transfer context', context),
  );
  return built(problem, `uuid_transfer ${uuid} ${destination} XML ${context}`);
}

/** `true` / `false`: how the controller checks, after a reconnect, which of its channels still exist. */
export function existsCommand(uuid: string): BuiltCommand {
  return built(checkUuid('uuid_exists uuid', uuid), `uuid_exists ${uuid}`);
}
