// The FreeSWITCH double for scripts/bench-dispatch, run in its own process (forked by the
// benchmark) so that its work — every channel event matched against ~1,000 outbound sessions —
// does not share the controller's event loop. It reports when it emitted the event the controller
// reacts to and when the `bgapi originate` reached it, in microseconds of CLOCK_MONOTONIC
// (process.hrtime), the clock the benchmark's process reads too.
// Driven over the fork IPC channel: one request at a time, each answered with its id.
import { randomUUID } from 'node:crypto';
import { monotonicUs } from './monotonic-clock.js';
import { FreeswitchDouble, type CallerHandle, type LogEntry } from '../test/double/index.js';

export type DoubleRequest =
  /** Dials a caller; resolves once the controller has put it on hold (it is in its queue by then). */
  | { readonly op: 'dial'; readonly port: number; readonly queue: string; readonly callerIdNumber: string }
  /** Registers a wait for the agent's next bridge; `await-bridges` resolves when all registered ones happened. */
  | { readonly op: 'watch-bridges'; readonly agents: readonly string[] }
  | { readonly op: 'await-bridges' }
  /** Hangs up the agent's current leg; answers agent-free latency once its next call is bridged. */
  | { readonly op: 'agent-free'; readonly agent: string }
  /** Dials a caller; answers dial → originate and answer → originate. */
  | { readonly op: 'caller-in'; readonly port: number; readonly queue: string; readonly callerIdNumber: string; readonly uuid: string }
  /** Resolves once the caller's call is bridged to an agent. */
  | { readonly op: 'await-connected'; readonly uuid: string }
  /** Hangs the caller up; resolves once FreeSWITCH's side of its outbound socket is closed. */
  | { readonly op: 'hangup-caller'; readonly uuid: string }
  | { readonly op: 'stop' };

export type DoubleMessage =
  | { readonly kind: 'ready'; readonly inboundPort: number }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly value: DoubleValue }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly message: string };

/** Times in µs of CLOCK_MONOTONIC: comparable across processes. */
export type DoubleValue =
  | null
  | { readonly freedAtUs: number; readonly receivedAtUs: number }
  | { readonly dialedAtUs: number; readonly answeredAtUs: number; readonly receivedAtUs: number };

export interface Envelope {
  readonly id: number;
  readonly request: DoubleRequest;
}

const WAIT_MS = 10_000;
const ORIGINATE_VARIABLE = /(?:^|[{,])(lineup_agent|lineup_call_id|origination_uuid)=([^,}]*)/g;

/** Resolvers by key, fed by the double's activity log. */
class Waiters<T> {
  readonly #waiting = new Map<string, (value: T) => void>();
  next(key: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench double: nothing for ${key} within ${WAIT_MS} ms`)), WAIT_MS);
      this.#waiting.set(key, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }
  fire(key: string, value: T): void {
    const resolve = this.#waiting.get(key);
    if (resolve === undefined) return;
    this.#waiting.delete(key);
    resolve(value);
  }
}

const fs = await FreeswitchDouble.start({ secondsToMs: 10, defaultAgentBehaviour: { answerAfterMs: 1 }, waitTimeoutMs: WAIT_MS });
const originateAt = new Waiters<number>(); // keys: agent:<id>, call:<uuid>
const bridged = new Waiters<string>(); // agent:<id> → agent leg uuid; call:<uuid> → the same
const hangupCompleteAt = new Map<string, number>();
const answeredAt = new Map<string, number>();
const legAgent = new Map<string, string>();
const agentCall = new Map<string, string>();
const agentLeg = new Map<string, string>();
const callers = new Map<string, CallerHandle>();
let watched: Promise<unknown>[] = [];
const connected = new Map<string, Promise<string>>();
const onHold = new Waiters<null>(); // call:<uuid>

// Every command and event the double logs passes here (events before they are written to a socket) and goes no
// further: a test keeps the whole log to wait on, a run of this length would only grow the double's heap with it.
fs.log.add = (entry: LogEntry): void => {
  const now = monotonicUs();
  if (entry.kind === 'command' && entry.record.side === 'inbound' && entry.record.command.line.startsWith('bgapi originate ')) {
    const variables = new Map([...entry.record.command.line.matchAll(ORIGINATE_VARIABLE)].map((m) => [m[1] ?? '', m[2] ?? '']));
    const agent = variables.get('lineup_agent') ?? '';
    legAgent.set(variables.get('origination_uuid') ?? '', agent);
    agentCall.set(agent, variables.get('lineup_call_id') ?? '');
    originateAt.fire(`agent:${agent}`, now);
    originateAt.fire(`call:${variables.get('lineup_call_id') ?? ''}`, now);
  } else if (entry.kind === 'event' && entry.event.name === 'CHANNEL_ANSWER') {
    const uuid = entry.event.get('Unique-ID') ?? '';
    if (callers.has(uuid)) answeredAt.set(uuid, now);
  } else if (entry.kind === 'event' && entry.event.name === 'CHANNEL_EXECUTE' && entry.event.get('Application') === 'playback') {
    onHold.fire(`call:${entry.event.get('Unique-ID') ?? ''}`, null);
  } else if (entry.kind === 'event' && entry.event.name === 'CHANNEL_HANGUP_COMPLETE') {
    hangupCompleteAt.set(entry.event.get('Unique-ID') ?? '', now);
  } else if (entry.kind === 'event' && entry.event.name === 'CHANNEL_BRIDGE') {
    const leg = entry.event.get('Bridge-B-Unique-ID') ?? '';
    const agent = legAgent.get(leg);
    if (agent !== undefined) {
      agentLeg.set(agent, leg);
      bridged.fire(`agent:${agent}`, leg);
      bridged.fire(`call:${entry.event.get('Bridge-A-Unique-ID') ?? ''}`, leg);
    }
  }
};

async function dial(port: number, queue: string, callerIdNumber: string, uuid: string = randomUUID()): Promise<CallerHandle> {
  const caller = await fs.dial({ port, queue, callerIdNumber, uuid });
  callers.set(caller.uuid, caller);
  void caller.socketClosed.then(() => callers.delete(caller.uuid));
  return caller;
}

async function handle(request: DoubleRequest): Promise<DoubleValue> {
  switch (request.op) {
    case 'dial': {
      const uuid = randomUUID();
      const held = onHold.next(`call:${uuid}`);
      await dial(request.port, request.queue, request.callerIdNumber, uuid);
      await held;
      return null;
    }
    case 'watch-bridges':
      watched = request.agents.map((agent) => bridged.next(`agent:${agent}`));
      return null;
    case 'await-bridges':
      await Promise.all(watched);
      watched = [];
      return null;
    case 'agent-free': {
      const leg = agentLeg.get(request.agent);
      const call = agentCall.get(request.agent);
      if (leg === undefined || call === undefined) throw new Error(`bench double: agent ${request.agent} has no bridged leg`);
      const offered = originateAt.next(`agent:${request.agent}`);
      const next = bridged.next(`agent:${request.agent}`);
      fs.hangupAgent(leg);
      const receivedAtUs = await offered;
      await next;
      // Whichever leg's CHANNEL_HANGUP_COMPLETE reached its socket first ends the call for the controller.
      const freedAtUs = Math.min(hangupCompleteAt.get(leg) ?? Number.NaN, hangupCompleteAt.get(call) ?? Number.POSITIVE_INFINITY);
      hangupCompleteAt.delete(leg);
      hangupCompleteAt.delete(call);
      return { freedAtUs, receivedAtUs };
    }
    case 'caller-in': {
      const offered = originateAt.next(`call:${request.uuid}`);
      connected.set(request.uuid, bridged.next(`call:${request.uuid}`));
      const dialedAtUs = monotonicUs();
      await dial(request.port, request.queue, request.callerIdNumber, request.uuid);
      const receivedAtUs = await offered;
      const answeredAtUs = answeredAt.get(request.uuid) ?? Number.NaN;
      answeredAt.delete(request.uuid);
      return { dialedAtUs, answeredAtUs, receivedAtUs };
    }
    case 'await-connected':
      await connected.get(request.uuid);
      connected.delete(request.uuid);
      return null;
    case 'hangup-caller': {
      const caller = callers.get(request.uuid);
      if (caller === undefined) throw new Error(`bench double: no caller ${request.uuid}`);
      caller.hangup();
      await caller.socketClosed;
      return null;
    }
    case 'stop':
      await fs.stop();
      return null;
  }
}

const send = (message: DoubleMessage): void => {
  process.send?.(message);
};

process.on('message', (envelope: Envelope) => {
  handle(envelope.request).then(
    (value) => {
      send({ kind: 'reply', id: envelope.id, ok: true, value });
      if (envelope.request.op === 'stop') process.disconnect();
    },
    (error: unknown) => send({ kind: 'reply', id: envelope.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
send({ kind: 'ready', inboundPort: fs.inboundPort });
