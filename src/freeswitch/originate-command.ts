import { checkUuid, commandError, type BuiltCommand } from './built-command.js';

/**
 * Builds `originate {vars}<contact> &park()` for bgapi on the inbound socket.
 *
 * The line is parsed three times by FreeSWITCH: mod_commands splits it on blanks (switch_separate_string:
 * `'` toggles quoting, `\` escapes; the token is then cleaned: quotes removed, `\s` → space), then
 * switch_event_create_brackets splits the `{…}` block on `,` (same rules, `\,` → `,`), then each item on its first
 * `=`. So a comma in a value is sent as `\,` and a space as `\s`; `=` needs nothing. A single `'` cannot survive all
 * three passes (it toggles quoting and is stripped), nor can `"`, `\`, braces or brackets: such values are refused.
 */

export interface OriginateRequest {
  /** origination_uuid: fixed by us so a replay after a reconnect cannot create a second call. */
  readonly uuid: string;
  /** Dial string of one leg, e.g. `sofia/internal/1001@pbx` or `user/1001@example.com`. */
  readonly contact: string;
  readonly timeoutSeconds: number;
  readonly callerIdNumber: string;
  readonly callerIdName: string;
  /** Extra channel variables; names must start with `lineup_` (so FreeSWITCH's own variables cannot be overridden). */
  readonly variables?: Readonly<Record<string, string>>;
}

const VARIABLE_NAME = /^lineup_[A-Za-z0-9_]+$/;
const CONTACT = /^[^\s{}[\]'"\\,|]+$/;
const UNSAFE_VALUE = /['"\\{}[\]\u0000-\u001f\u007f]/;

function escapeValue(value: string): string {
  return value.trim().replace(/,/g, '\\,').replace(/ /g, '\\s');
}

function checkValue(name: string, value: string): string | undefined {
  const bad = UNSAFE_VALUE.exec(value);
  if (bad === null) return undefined;
  const shown = JSON.stringify(bad[0]);
  return `originate variable ${name}=${JSON.stringify(value)} contains ${shown}, which FreeSWITCH's dial-string parser cannot carry; remove it from the value.`;
}

export function buildOriginateCommand(request: OriginateRequest): BuiltCommand {
  const badUuid = checkUuid('originate uuid', request.uuid);
  if (badUuid !== undefined) return badUuid;
  if (!CONTACT.test(request.contact)) {
    return commandError(
      `originate contact ${JSON.stringify(request.contact)} must be one dial string without spaces, quotes, braces, commas or "|" (e.g. sofia/internal/1001@pbx).`,
    );
  }
  if (!Number.isInteger(request.timeoutSeconds) || request.timeoutSeconds < 1) {
    return commandError(`originate timeoutSeconds must be a whole number of seconds >= 1, got ${request.timeoutSeconds}.`);
  }
  const extra = Object.entries(request.variables ?? {});
  const badName = extra.find(([name]) => !VARIABLE_NAME.test(name));
  if (badName !== undefined) {
    return commandError(`originate variable name ${JSON.stringify(badName[0])} must match lineup_[A-Za-z0-9_]+.`);
  }
  const variables: ReadonlyArray<readonly [string, string]> = [
    ['origination_uuid', request.uuid],
    ['originate_timeout', String(request.timeoutSeconds)],
    ['ignore_early_media', 'true'],
    ['origination_caller_id_number', request.callerIdNumber],
    ['origination_caller_id_name', request.callerIdName],
    ...extra,
  ];
  for (const [name, value] of variables) {
    const problem = checkValue(name, value);
    if (problem !== undefined) return commandError(problem);
  }
  const block = variables.map(([name, value]) => `${name}=${escapeValue(value)}`).join(',');
  return { ok: true, command: `originate {${block}}${request.contact} &park()` };
}
