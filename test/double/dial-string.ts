/** Parsing of `originate <dialstring> <&app(arg)|exten> [dialplan] [context] [cid_name] [cid_num] [timeout]`. */

export interface OriginateLeg {
  /** e.g. `user/1000@default`, `sofia/internal/agent1@127.0.0.1:5090`. */
  readonly endpoint: string;
  /** `{…}` variables merged with this leg's `[…]` variables (leg wins). */
  readonly variables: ReadonlyMap<string, string>;
}

export interface OriginateRequest {
  readonly globalVariables: ReadonlyMap<string, string>;
  /** Legs rung at the same time (`,`); `|` failover groups are flattened into one group (see report). */
  readonly legs: readonly OriginateLeg[];
  readonly target: { readonly kind: 'app'; readonly app: string; readonly arg: string } | { readonly kind: 'extension'; readonly extension: string };
  readonly timeoutSeconds: number | undefined;
  readonly callerIdName: string | undefined;
  readonly callerIdNumber: string | undefined;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const OPEN = new Map([['{', '}'], ['[', ']'], ['<', '>']]);

/** Splits at `separators` that are outside brackets and quotes. */
export function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  const closers: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (const char of text) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (OPEN.has(char)) {
      closers.push(OPEN.get(char) ?? '');
    } else if (char === closers.at(-1)) {
      closers.pop();
    } else if (closers.length === 0 && separators.includes(char)) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** `a=1,b=2` or the alternate-delimiter form `^^:a=1,2:b=3`. */
export function parseVariables(body: string): Map<string, string> {
  const custom = /^\^\^(.)/.exec(body);
  const items = custom ? body.slice(3).split(custom[1] ?? ',') : splitTopLevel(body, ',');
  const variables = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq > 0) variables.set(item.slice(0, eq).trim(), unquote(item.slice(eq + 1).trim()));
  }
  return variables;
}

function takeBlock(text: string, open: string, close: string): { block: string | undefined; rest: string } {
  if (!text.startsWith(open)) return { block: undefined, rest: text };
  const end = text.indexOf(close);
  return end < 0 ? { block: undefined, rest: text } : { block: text.slice(1, end), rest: text.slice(end + 1) };
}

function parseTarget(text: string): OriginateRequest['target'] {
  const app = /^&([^(]+)(?:\((.*)\))?$/.exec(text);
  return app ? { kind: 'app', app: app[1] ?? '', arg: app[2] ?? '' } : { kind: 'extension', extension: text };
}

function optionalArg(value: string | undefined): string | undefined {
  return value === undefined || value === 'undef' ? undefined : value;
}

export function parseOriginate(args: string): ParseResult<OriginateRequest> {
  const [dialString = '', targetText, , , cidName, cidNumber, timeoutText] = splitTopLevel(args.trim(), ' ').filter((t) => t !== '');
  if (dialString === '' || targetText === undefined) return { ok: false, error: '-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]' };
  const { block: globalBlock, rest } = takeBlock(dialString, '{', '}');
  const globalVariables = parseVariables(globalBlock ?? '');
  const legs = splitTopLevel(rest, ',|').map((legText): OriginateLeg => {
    const { block, rest: endpoint } = takeBlock(legText, '[', ']');
    return { endpoint, variables: new Map([...globalVariables, ...parseVariables(block ?? '')]) };
  });
  if (legs.some((leg) => leg.endpoint === '')) return { ok: false, error: '-ERR DESTINATION_OUT_OF_ORDER' };
  const timeout = optionalArg(timeoutText);
  return {
    ok: true,
    value: {
      globalVariables,
      legs,
      target: parseTarget(targetText),
      timeoutSeconds: timeout === undefined ? undefined : Number(timeout),
      callerIdName: optionalArg(cidName),
      callerIdNumber: optionalArg(cidNumber),
    },
  };
}
