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
  /** The agent's contact: one endpoint, optionally after `{…}` / `[…]` variable blocks (see parseContact). */
  readonly contact: string;
  readonly timeoutSeconds: number;
  readonly callerIdNumber: string;
  readonly callerIdName: string;
  /** Extra channel variables; names must start with `lineup_` (so FreeSWITCH's own variables cannot be overridden). */
  readonly variables?: Readonly<Record<string, string>>;
}

/** What every originate sets, in this order; a contact may not set them too (FreeSWITCH would pick one of the two). */
const LINEUP_VARIABLES = ['origination_uuid', 'originate_timeout', 'ignore_early_media', 'origination_caller_id_number', 'origination_caller_id_name'] as const;
type LineupVariable = (typeof LINEUP_VARIABLES)[number];

const VARIABLE_NAME = /^lineup_[A-Za-z0-9_]+$/;
const UNSAFE_VALUE = /['"\\{}[\]\u0000-\u001f\u007f]/;

/**
 * An agent contact as FreeSWITCH dials it: `{…}` blocks (variables of the whole originate), then `[…]` blocks (this
 * leg's variables), then one endpoint. switch_ivr_originate (src/switch_ivr_originate.c) reads every leading `{…}`
 * block, then splits the rest into legs on `|` and `,` (commas inside `[…]` excepted), then reads each leg's leading
 * `[…]` blocks; the endpoint is `type/address` (user/1000, sofia/internal/1000@192.0.2.10:5060).
 * mod_callcenter contacts often carry such blocks: `[leg_timeout=10]user/1000`.
 */
export type ParsedContact =
  | {
      readonly ok: true;
      /** `name=value` items as written (a value may hold `\,` and `\s`), from the `{…}` blocks. */
      readonly globalVariables: readonly string[];
      /** The same, from the `[…]` blocks. */
      readonly legVariables: readonly string[];
      readonly endpoint: string;
    }
  | { readonly ok: false; readonly problem: string };

/** A value: no blank, quote, brace, bracket, `|` or bare `,` (all of them split or end something upstream). */
const CONTACT_VARIABLE = /^([A-Za-z_][A-Za-z0-9_.-]*)=((?:[^\s'"\\{}[\]|,]|\\[,s])+)$/;
const ENDPOINT = /^[A-Za-z0-9_.-]+\/[^\s'"\\{}[\]|,]+$/;
const CLOSERS: ReadonlyMap<string, string> = new Map([['{', '}'], ['[', ']']]);

function refused(problem: string): ParsedContact {
  return { ok: false, problem };
}

/** Why a `name=value` item of a contact's block cannot be sent, or undefined. */
function variableProblem(item: string, block: string): string | undefined {
  const match = CONTACT_VARIABLE.exec(item);
  if (match === null) {
    return `${JSON.stringify(item)} in its ${block} block is not name=value (a name of letters, digits, _ . -; a value without spaces, quotes, braces, brackets or "|"; variables separated by "," and a comma inside a value written \\,)`;
  }
  const name = (match[1] ?? '').toLowerCase();
  if ((LINEUP_VARIABLES as readonly string[]).includes(name) || name.startsWith('lineup_')) {
    const instead = name === 'originate_timeout' ? ' ([leg_timeout=N] rings this agent for less than the queue\'s --max-ring-time)' : '';
    return `it sets ${name}, which Lineup sets itself on every agent call: remove it from the contact${instead}`;
  }
  return undefined;
}

/** The contact split into its variable blocks and endpoint, or why FreeSWITCH could never dial it. */
export function parseContact(contact: string): ParsedContact {
  if (contact === '') return refused('it is empty: give a dial string such as user/1000');
  if (/[\s\u0000-\u001f\u007f]/.test(contact)) {
    return refused('it contains whitespace or a control character, which ends the dial string in the originate command: remove it (inside a variable value, write a space as \\s)');
  }
  if (/['"]/.test(contact)) return refused('it contains a quote, which FreeSWITCH\'s dial-string parser pairs up and strips: remove it');
  if (contact.includes('${')) {
    return refused('it contains ${…}: Lineup dials the contact as written and expands no variables (mod_callcenter expanded them against the caller\'s channel): write the value instead, e.g. user/1000@192.0.2.10');
  }
  if (contact.includes(':_:')) return refused('it contains ":_:", which makes FreeSWITCH run several originates at once: give one endpoint per agent');
  const globalVariables: string[] = [];
  const legVariables: string[] = [];
  let rest = contact;
  for (let close = CLOSERS.get(rest[0] ?? ''); close !== undefined; close = CLOSERS.get(rest[0] ?? '')) {
    const open = rest[0] ?? '';
    const end = rest.indexOf(close);
    if (end < 0) return refused(`its ${open}…${close} block is not closed with "${close}"`);
    if (open === '{' && legVariables.length > 0) {
      return refused('a {…} block comes after a […] block: FreeSWITCH reads {…} only at the start of the dial string; put the {…} blocks first');
    }
    const items = rest.slice(1, end).split(/(?<!\\),/);
    for (const item of items) {
      const problem = variableProblem(item, `${open}…${close}`);
      if (problem !== undefined) return refused(problem);
    }
    (open === '{' ? globalVariables : legVariables).push(...items);
    rest = rest.slice(end + 1);
  }
  if (/[,|]/.test(rest)) {
    return refused('it lists several endpoints ("," rings them together, "|" one after the other): give one endpoint, and add one agent per phone');
  }
  if (!ENDPOINT.test(rest)) {
    return refused(`${JSON.stringify(rest)} is not an endpoint: FreeSWITCH endpoints are type/address with no braces, brackets or backslashes, e.g. user/1000 or sofia/internal/1000@192.0.2.10`);
  }
  return { ok: true, globalVariables, legVariables, endpoint: rest };
}

function escapeValue(value: string): string {
  return value.trim().replace(/,/g, '\\,').replace(/ /g, '\\s');
}

function checkValue(name: string, value: string): string | undefined {
  const bad = UNSAFE_VALUE.exec(value);
  if (bad === null) return undefined;
  const shown = JSON.stringify(bad[0]);
  return `originate variable ${name}=${JSON.stringify(value)} contains ${shown}, which FreeSWITCH's dial-string parser cannot carry; remove it from the value.`;
}

/** `{lineup's variables,the contact's {…} variables}[the contact's […] variables]endpoint &park()`. */
export function buildOriginateCommand(request: OriginateRequest): BuiltCommand {
  const badUuid = checkUuid('originate uuid', request.uuid);
  if (badUuid !== undefined) return badUuid;
  const contact = parseContact(request.contact);
  if (!contact.ok) return commandError(`originate contact ${JSON.stringify(request.contact)} cannot be dialled: ${contact.problem}.`);
  if (!Number.isInteger(request.timeoutSeconds) || request.timeoutSeconds < 1) {
    return commandError(`originate timeoutSeconds must be a whole number of seconds >= 1, got ${request.timeoutSeconds}.`);
  }
  const extra = Object.entries(request.variables ?? {});
  const badName = extra.find(([name]) => !VARIABLE_NAME.test(name));
  if (badName !== undefined) {
    return commandError(`originate variable name ${JSON.stringify(badName[0])} must match lineup_[A-Za-z0-9_]+.`);
  }
  const own: Readonly<Record<LineupVariable, string>> = {
    origination_uuid: request.uuid,
    originate_timeout: String(request.timeoutSeconds),
    ignore_early_media: 'true',
    origination_caller_id_number: request.callerIdNumber,
    origination_caller_id_name: request.callerIdName,
  };
  const variables: ReadonlyArray<readonly [string, string]> = [...LINEUP_VARIABLES.map((name) => [name, own[name]] as const), ...extra];
  for (const [name, value] of variables) {
    const problem = checkValue(name, value);
    if (problem !== undefined) return commandError(problem);
  }
  // The contact's items are already in FreeSWITCH's syntax (parseContact checked them): sent as written.
  const global = [...variables.map(([name, value]) => `${name}=${escapeValue(value)}`), ...contact.globalVariables].join(',');
  const leg = contact.legVariables.length > 0 ? `[${contact.legVariables.join(',')}]` : '';
  return { ok: true, command: `originate {${global}}${leg}${contact.endpoint} &park()` };
}
