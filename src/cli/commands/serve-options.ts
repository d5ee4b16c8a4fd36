// Options of `lineup serve`: flags first, then the environment, then defaults. Parsed into a typed
// ServeOptions; a bad value is a usage error naming the flag (or variable), the value and the form.
import { Option, type Command } from 'commander';
import { parsePauseReasons } from '../../api/agent-actions.js';
import { usageError } from '../errors.js';

export interface EslNode {
  /** How logs and events name this FreeSWITCH node. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export interface ServeOptions {
  /** postgres:// URL; undefined = the embedded database in dataDir. */
  readonly databaseUrl: string | undefined;
  /** Embedded database directory and where controller.json is written; undefined = the store's default. */
  readonly dataDir: string | undefined;
  /** Inbound ESL connections, one per FreeSWITCH node. */
  readonly esl: readonly EslNode[];
  /** Where FreeSWITCH's outbound ESL sockets (the `socket` dialplan app) connect. */
  readonly outboundListen: ListenAddress;
  readonly apiListen: ListenAddress;
  /** Bearer token for API changes; undefined = generate one (written to controller.json). */
  readonly apiToken: string | undefined;
  readonly logLevel: LogLevel;
  /** Allowed pause reasons; null = free text. */
  readonly pauseReasons: readonly string[] | null;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const DEFAULT_ESL = '127.0.0.1:8021:ClueCon';
const DEFAULT_OUTBOUND = '127.0.0.1:8084';
const DEFAULT_API = '127.0.0.1:8085';

export function addServeOptions(command: Command): Command {
  return command
    .addOption(new Option('--database-url <url>', 'Postgres server URL (default: the embedded database)').env('DATABASE_URL'))
    .addOption(new Option('--data-dir <dir>', 'embedded database directory (default: ~/.lineup/data)').env('LINEUP_DATA_DIR'))
    .addOption(
      new Option(
        '--esl <[name=]host:port:password>',
        `FreeSWITCH inbound ESL, IPv6 host in [brackets]; repeat for several nodes, each named after its switchname (env LINEUP_ESL="name=host:port:password,..."; default ${DEFAULT_ESL})`,
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .addOption(new Option('--outbound-listen <host:port>', `where FreeSWITCH's outbound ESL connects (default ${DEFAULT_OUTBOUND})`).env('LINEUP_OUTBOUND_LISTEN'))
    .addOption(new Option('--api-listen <host:port>', `control API address (default ${DEFAULT_API})`).env('LINEUP_API_LISTEN'))
    .addOption(new Option('--api-token <token>', 'bearer token for API changes (default: generated, written to controller.json)').env('LINEUP_API_TOKEN'))
    .addOption(new Option('--pause-reasons <list>', 'comma-separated pause reasons agents must choose from (default: free text)').env('LINEUP_PAUSE_REASONS'))
    .addOption(new Option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`).env('LINEUP_LOG_LEVEL').default('info'));
}

/** Listeners may take port 0 (any free port); a port to connect to may not. */
function parsePort(text: string, where: string, value: string, form: string, min: 0 | 1): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= min && port <= 65535)) {
    throw usageError(`invalid value ${JSON.stringify(value)} for ${where}: the port must be ${min}-65535 (expected ${form})`);
  }
  return port;
}

/** `[2001:db8::1]:rest`: the IPv6 host without its brackets, and what follows the colon; undefined when not bracketed. */
function bracketedHost(address: string): { readonly host: string; readonly rest: string } | undefined {
  const match = /^\[([^\]]*)\]:(.*)$/s.exec(address);
  return match === null ? undefined : { host: match[1] ?? '', rest: match[2] ?? '' };
}

/** Empty, or a bracket left over from a badly bracketed IPv6 address (`[::1:8021`). */
function badHost(host: string): boolean {
  return host === '' || /[[\]]/.test(host);
}

export function parseListen(value: string, where: string): ListenAddress {
  const at = value.lastIndexOf(':');
  const { host, rest } = bracketedHost(value) ?? { host: at < 0 ? '' : value.slice(0, at), rest: value.slice(at + 1) };
  if (badHost(host)) {
    throw usageError(`invalid value ${JSON.stringify(value)} for ${where}: expected host:port, e.g. 127.0.0.1:8085 or [::1]:8085`);
  }
  return { host, port: parsePort(rest, where, value, 'host:port', 0) };
}

const ESL_FORM = '[name=]host:port:password, e.g. fs1=10.0.0.5:8021:ClueCon, an IPv6 host in brackets: fs1=[::1]:8021:ClueCon';

export function parseEsl(value: string, where: string, index: number): EslNode {
  const eq = value.indexOf('=');
  const named = eq > 0 && eq < value.indexOf(':');
  const address = named ? value.slice(eq + 1) : value;
  // host:port:password; the password is everything after the port's colon.
  const colon = address.indexOf(':');
  const { host, rest } = bracketedHost(address) ?? { host: colon < 0 ? '' : address.slice(0, colon), rest: address.slice(colon + 1) };
  const [port, ...passwordParts] = rest.split(':');
  const password = passwordParts.join(':');
  if (badHost(host) || port === undefined || password === '') {
    throw usageError(`invalid value ${JSON.stringify(value)} for ${where}: expected ${ESL_FORM}`);
  }
  return {
    name: named ? value.slice(0, eq) : `fs${index + 1}`,
    host,
    port: parsePort(port, where, value, ESL_FORM, 1),
    password,
  };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The serve command's options (commander's opts()) with the environment, checked. */
export function readServeOptions(opts: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const eslFlags = Array.isArray(opts['esl']) ? opts['esl'].filter((item): item is string => typeof item === 'string') : [];
  const eslEnv = nonEmpty(env['LINEUP_ESL']);
  const esl =
    eslFlags.length > 0
      ? eslFlags.map((value, i) => parseEsl(value, '--esl', i))
      : (eslEnv ?? DEFAULT_ESL).split(',').map((value, i) => parseEsl(value.trim(), 'LINEUP_ESL', i));
  const names = new Set(esl.map((node) => node.name));
  if (names.size !== esl.length) {
    throw usageError(`duplicate FreeSWITCH node names in --esl / LINEUP_ESL (${esl.map((node) => node.name).join(', ')}): give each node its own name=`);
  }
  const logLevel = String(opts['logLevel'] ?? 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw usageError(`invalid value ${JSON.stringify(logLevel)} for --log-level: allowed one of ${LOG_LEVELS.join(', ')}`);
  }
  const databaseUrl = nonEmpty(opts['databaseUrl']);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw usageError(`invalid value for --database-url / DATABASE_URL: expected postgres://user:password@host:5432/database`);
  }
  return {
    databaseUrl,
    dataDir: nonEmpty(opts['dataDir']),
    esl,
    outboundListen: parseListen(nonEmpty(opts['outboundListen']) ?? DEFAULT_OUTBOUND, '--outbound-listen'),
    apiListen: parseListen(nonEmpty(opts['apiListen']) ?? DEFAULT_API, '--api-listen'),
    apiToken: nonEmpty(opts['apiToken']),
    logLevel: logLevel as LogLevel,
    pauseReasons: parsePauseReasons(nonEmpty(opts['pauseReasons'])),
  };
}
