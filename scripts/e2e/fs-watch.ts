// Used by scripts/e2e-freeswitch: what FreeSWITCH itself did, read from its inbound event socket.
//
//   fs-watch watch --esl HOST:PORT:PASSWORD [--esl …] --out FILE
//       appends one JSON object per channel event (the headers below, plus "node" = the --esl index) to FILE
//       until killed; prints "ready" on stdout once every node is subscribed.
//   fs-watch kill-on --esl HOST:PORT:PASSWORD --on EVENT --match HEADER=VALUE --kill HEADER [--delay-ms N] [--timeout-s N]
//       waits for the first EVENT whose HEADER equals VALUE, waits N ms, then `uuid_kill`s the channel named by its
//       --kill header (e.g. a caller, named on its agent leg by variable_lineup_call_id), prints the uuid, exits 0;
//       exits 1 when nothing matched in time. A caller that "hangs up" at an exact moment, which sipp cannot time.
import { connect, type Socket } from 'node:net';
import { appendFileSync } from 'node:fs';
import { authCommand, bgapiCommand, EslDecoder, eventCommand, type EslEvent } from '../../src/esl/index.js';

const EVENT_NAMES = [
  'CHANNEL_CREATE',
  'CHANNEL_ANSWER',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_EXECUTE',
  'CHANNEL_HANGUP_COMPLETE',
  'PLAYBACK_START',
  'PLAYBACK_STOP',
  'RECORD_START',
  'RECORD_STOP',
];
const CUSTOM_SUBCLASSES = ['lineup::agent_call'];
const KEPT_HEADERS = [
  'Event-Name',
  'Event-Subclass',
  'Event-Date-Timestamp',
  'Unique-ID',
  'Other-Leg-Unique-ID',
  'Call-Direction',
  'Caller-Caller-ID-Number',
  'Caller-Destination-Number',
  'Application',
  'Application-Data',
  'Playback-File-Path',
  'Record-File-Path',
  'Hangup-Cause',
  'FreeSWITCH-Switchname',
  'variable_lineup_queue',
  'variable_lineup_call_id',
  'variable_lineup_agent',
  'variable_lineup_record_filename',
  'lineup_agent',
];

interface EslTarget {
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

function fail(message: string): never {
  process.stderr.write(`fs-watch: ${message}\n`);
  process.exit(2);
}

function parseTarget(text: string): EslTarget {
  const match = /^(.+):(\d+):(.*)$/.exec(text);
  if (match === null) fail(`--esl wants HOST:PORT:PASSWORD, got ${text}`);
  return { host: match[1] ?? '', port: Number(match[2]), password: match[3] ?? '' };
}

function options(args: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] ?? '';
    const value = args[i + 1];
    if (!flag.startsWith('--') || value === undefined) fail(`expected --flag value pairs, got: ${args.join(' ')}`);
    found.set(flag, [...(found.get(flag) ?? []), value]);
  }
  return found;
}

function one(found: Map<string, string[]>, flag: string, fallback?: string): string {
  const value = found.get(flag)?.[0] ?? fallback;
  if (value === undefined) fail(`${flag} is required`);
  return value;
}

/** Connects, authenticates, subscribes; calls onEvent for each event; resolves once subscribed. */
function subscribe(target: EslTarget, onEvent: (event: EslEvent) => void): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(target.port, target.host);
    const decoder = new EslDecoder();
    let replies = 0;
    socket.on('error', (error) => fail(`${target.host}:${target.port}: ${error.message}`));
    socket.on('close', () => fail(`${target.host}:${target.port} closed the connection`));
    socket.on('data', (chunk: Buffer) => {
      for (const result of decoder.push(chunk)) {
        if (!result.ok) fail(`malformed frame: ${result.error.message}`);
        const message = result.message;
        if (message.kind === 'auth-request') socket.write(authCommand(target.password));
        else if (message.kind === 'command-reply') {
          if (message.replyText.startsWith('-')) fail(`${target.host}:${target.port} refused: ${message.replyText}`);
          replies += 1;
          if (replies === 1) socket.write(eventCommand('json', EVENT_NAMES, CUSTOM_SUBCLASSES));
          if (replies === 2) resolve(socket);
        } else if (message.kind === 'event') onEvent(message.event);
      }
    });
  });
}

function kept(event: EslEvent, node: number): Record<string, string | number> {
  const record: Record<string, string | number> = { node };
  for (const name of KEPT_HEADERS) {
    const value = event.get(name);
    if (value !== undefined) record[name] = value;
  }
  return record;
}

async function watch(found: Map<string, string[]>): Promise<void> {
  const out = one(found, '--out');
  const targets = (found.get('--esl') ?? []).map(parseTarget);
  if (targets.length === 0) fail('--esl is required');
  await Promise.all(targets.map((target, index) => subscribe(target, (event) => appendFileSync(out, `${JSON.stringify(kept(event, index + 1))}\n`))));
  process.stdout.write('ready\n');
}

async function killOn(found: Map<string, string[]>): Promise<void> {
  const target = parseTarget(one(found, '--esl'));
  const eventName = one(found, '--on');
  const [header, value] = one(found, '--match').split(/=(.*)/s);
  const killHeader = one(found, '--kill');
  const delayMs = Number(one(found, '--delay-ms', '0'));
  const timeoutMs = Number(one(found, '--timeout-s', '60')) * 1000;
  if (header === undefined || value === undefined) fail('--match wants HEADER=VALUE');
  let fired = false;
  const socket = await subscribe(target, (event) => {
    if (fired || event.name !== eventName || event.get(header) !== value) return;
    const uuid = event.get(killHeader);
    if (uuid === undefined) fail(`${eventName} matched but has no ${killHeader}`);
    fired = true;
    setTimeout(() => {
      socket.write(bgapiCommand(`uuid_kill ${uuid}`));
      process.stdout.write(`${uuid}\n`);
      setTimeout(() => process.exit(0), 200);
    }, delayMs);
  });
  process.stdout.write('ready\n');
  setTimeout(() => {
    process.stderr.write(`fs-watch: no ${eventName} with ${header}=${value} within ${timeoutMs / 1000} s\n`);
    process.exit(1);
  }, timeoutMs).unref();
}

const [mode, ...rest] = process.argv.slice(2);
const found = options(rest);
if (mode === 'watch') void watch(found);
else if (mode === 'kill-on') void killOn(found);
else fail('usage: fs-watch watch|kill-on …');
