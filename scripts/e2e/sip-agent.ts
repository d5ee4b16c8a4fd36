// An agent's phone that makes an attended transfer, for scripts/e2e-freeswitch (sipp cannot hold two dialogs with
// different Call-IDs in one scenario). It answers the call Lineup's originate sends, talks --talk-ms, places a consult
// call to --target on FreeSWITCH (a new dialog), talks --consult-ms, then REFERs the first dialog to the target with
// Replaces naming the consult dialog (RFC 3891, RFC 5589 4.1): FreeSWITCH hands the caller to the consult's target
// and ends both of the agent's dialogs. The message shapes are those of the recorded capture
// 13-attended-transfer (agentua-agent1-messages.log), which this flow reproduces.
//
// Prints "sip-agent: listening on IP:PORT" once bound. Exits 0 once the REFER was accepted and every dialog has
// ended; 1 with a message on a SIP error, a failed transfer (NOTIFY sipfrag >= 300) or --timeout-ms. Dialogs
// FreeSWITCH still holds 5 s after the REFER it ends with BYE. --log FILE: every message, as sipp's -trace_msg.
//
// --hold: before the consult call, put the caller on hold (re-INVITE with a=sendonly), as phones do and the capture did.
//
// Usage: node dist/scripts/e2e/sip-agent.js --port 5390 --fs 127.0.0.1:5260 --target 5555 [--user e2e-att-1] [--hold]
//          [--ip 127.0.0.1] [--talk-ms 2000] [--consult-ms 2000] [--ring-ms 500] [--timeout-ms 60000] [--log FILE]
import { randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { parseArgs } from 'node:util';
import {
  cseqOf, formatMessage, header, headerValues, parseMessage, tagOf, traceMessage, uriOf,
  type Headers, type SipMessage, type SipRequest, type SipResponse,
} from './sip-message.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    fs: { type: 'string' },
    target: { type: 'string' },
    user: { type: 'string', default: 'agent' },
    ip: { type: 'string', default: '127.0.0.1' },
    'talk-ms': { type: 'string', default: '2000' },
    'consult-ms': { type: 'string', default: '2000' },
    'ring-ms': { type: 'string', default: '500' },
    hold: { type: 'boolean', default: false },
    'timeout-ms': { type: 'string', default: '60000' },
    log: { type: 'string' },
  },
});
const port = Number(values.port);
const [fsHost = '', fsPortText = ''] = (values.fs ?? '').split(':');
const fsPort = Number(fsPortText);
const target = values.target ?? '';
const { user, ip } = values;
const talkMs = Number(values['talk-ms']);
const consultMs = Number(values['consult-ms']);
const ringMs = Number(values['ring-ms']);
const timeoutMs = Number(values['timeout-ms']);
if (!(port > 0) || fsHost === '' || !(fsPort > 0) || target === '' || ![talkMs, consultMs, ringMs, timeoutMs].every((ms) => ms >= 0)) {
  process.stderr.write('usage: sip-agent --port N --fs HOST:PORT --target NUMBER [--user U] [--ip IP] [--hold] [--talk-ms] [--consult-ms] [--ring-ms] [--timeout-ms] [--log FILE]\n');
  process.exit(2);
}

/** RFC 3261 T1: requests and 2xx answers to INVITE are sent again every T1 until answered, 64*T1 at most (17.1.1.2). */
const T1_MS = 500;
const RETRANSMIT_LIMIT = 64;
/** How long FreeSWITCH has after the REFER to end the agent's dialogs itself (the capture: 30 ms). */
const CLEANUP_AFTER_REFER_MS = 5000;

interface Dialog {
  readonly name: 'agent call' | 'consult call';
  readonly callId: string;
  /** From header of our requests in the dialog (our URI and tag). */
  readonly local: string;
  /** To header of our requests: the peer's URI and, once known, its tag. */
  remote: string;
  /** Where in-dialog requests go: the peer's Contact. */
  remoteTarget: string;
  cseq: number;
  /** Where our SDP says we receive audio (nothing listens: FreeSWITCH needs no RTP from us). */
  readonly mediaPort: number;
  /** Our session description's version (o= line), raised with each change of it (RFC 3264 8), and its direction. */
  sdpVersion: number;
  direction: 'sendrecv' | 'sendonly';
  /** Our 2xx to an INVITE, repeated until its ACK. */
  stopAnswer: (() => void) | undefined;
  ended: boolean;
}

const socket = createSocket('udp4');
const contact = `<sip:${user}@${ip}:${port};transport=UDP>`;
const dialogs = new Map<string, Dialog>();
/** Our client transactions by Via branch: what to do with their responses. */
const transactions = new Map<string, { readonly onResponse: (response: SipResponse) => void; readonly stop: () => void }>();
/** Our last response per received request's transaction, sent again when FreeSWITCH retransmits the request. */
const responsesSent = new Map<string, string>();
let agent: Dialog | undefined;
let consult: Dialog | undefined;
let referAccepted = false;
let failed = false;

const newId = (bytes: number): string => randomBytes(bytes).toString('hex');
const branchOf = (message: SipMessage): string => /;\s*branch=([^;\s]+)/i.exec(header(message, 'Via'))?.[1] ?? '';

type Address = { readonly address: string; readonly port: number };
const freeswitch: Address = { address: fsHost, port: fsPort };

function send(text: string, to: Address = freeswitch): void {
  if (values.log !== undefined) traceMessage(values.log, 'sent', text);
  socket.send(text, to.port, to.address);
}

/** Sends text now and every T1 until stop() is called; failing the run when nothing stops it in 64*T1. */
function repeat(text: string, what: string, to: Address = freeswitch): () => void {
  send(text, to);
  let sent = 1;
  const timer = setInterval(() => {
    if (sent++ < RETRANSMIT_LIMIT) return send(text, to);
    clearInterval(timer);
    fail(`no answer to ${what}`);
  }, T1_MS);
  return () => clearInterval(timer);
}

function sdp(dialog: Dialog): string {
  return [
    'v=0', `o=${user} 53655765 ${dialog.sdpVersion} IN IP4 ${ip}`, 's=-', `c=IN IP4 ${ip}`, 't=0 0', `m=audio ${dialog.mediaPort} RTP/AVP 0 101`,
    'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', `a=${dialog.direction}`, '',
  ].join('\r\n');
}

/** A request's transaction: its branch and CSeq (a CANCEL shares its INVITE's branch, RFC 3261 9.1). */
const transactionOf = (message: SipMessage): string => `${branchOf(message)} ${header(message, 'CSeq')}`;

/** Our response to a request, remembered for the request's retransmissions. toTag: ours, when the To has none yet. */
function response(request: SipRequest, status: number, reason: string, extra: Headers = [], body = '', toTag = ''): string {
  const to = header(request, 'To');
  const text = formatMessage({
    kind: 'response', status, reason, body,
    headers: [
      ...headerValues(request.headers, 'Via').map((via): [string, string] => ['Via', via]),
      ['From', header(request, 'From')],
      ['To', toTag !== '' && tagOf(to) === '' ? `${to};tag=${toTag}` : to],
      ['Call-ID', header(request, 'Call-ID')],
      ['CSeq', header(request, 'CSeq')],
      ['Contact', contact],
      ...extra,
    ],
  });
  responsesSent.set(transactionOf(request), text);
  return text;
}

/** Our 200 with SDP to an INVITE, repeated until its ACK. */
function answer(dialog: Dialog, invite: SipRequest, from: Address, toTag = ''): void {
  dialog.stopAnswer?.();
  const text = response(invite, 200, 'OK', [['Content-Type', 'application/sdp']], sdp(dialog), toTag);
  dialog.stopAnswer = repeat(text, `our 200 to the ${dialog.name}'s INVITE`, from);
}

/** Sends a request in a dialog (or the consult's INVITE); onResponse gets every response of its transaction. */
function request(dialog: Dialog, method: string, extra: Headers, body: string, onResponse: (response: SipResponse) => void): void {
  const branch = `z9hG4bK-${newId(6)}`;
  dialog.cseq += 1;
  const text = formatMessage({
    kind: 'request', method, uri: dialog.remoteTarget, body,
    headers: [
      ['Via', `SIP/2.0/UDP ${ip}:${port};branch=${branch};rport`], ['Max-Forwards', '70'], ['From', dialog.local], ['To', dialog.remote],
      ['Call-ID', dialog.callId], ['CSeq', `${dialog.cseq} ${method}`], ['Contact', contact], ...extra,
    ],
  });
  transactions.set(branch, { onResponse, stop: repeat(text, `${method} on the ${dialog.name}`) });
}

/** ACKs a final response to our INVITE: a 2xx in a transaction of its own, any other in the INVITE's (RFC 3261 17.1.1.3). */
function ack(dialog: Dialog, final: SipResponse): void {
  const branch = final.status >= 300 ? branchOf(final) : `z9hG4bK-${newId(6)}`;
  send(formatMessage({
    kind: 'request', method: 'ACK', uri: dialog.remoteTarget, body: '',
    headers: [
      ['Via', `SIP/2.0/UDP ${ip}:${port};branch=${branch};rport`], ['Max-Forwards', '70'], ['From', dialog.local], ['To', dialog.remote],
      ['Call-ID', dialog.callId], ['CSeq', `${cseqOf(final).number} ACK`], ['Contact', contact],
    ],
  }));
}

function newDialog(fields: Pick<Dialog, 'name' | 'callId' | 'local' | 'remote' | 'remoteTarget' | 'mediaPort'>): Dialog {
  const dialog: Dialog = { ...fields, cseq: 0, sdpVersion: 1, direction: 'sendrecv', stopAnswer: undefined, ended: false };
  dialogs.set(dialog.callId, dialog);
  return dialog;
}

function end(dialog: Dialog): void {
  dialog.ended = true;
  dialog.stopAnswer?.();
  if (referAccepted && [...dialogs.values()].every((d) => d.ended)) finish(0);
}

function bye(dialog: Dialog): void {
  request(dialog, 'BYE', [], '', (response) => {
    if (response.status >= 200) end(dialog);
  });
}

function finish(code: number): never {
  socket.close();
  process.exit(code);
}

function fail(message: string): void {
  if (failed) return;
  failed = true;
  process.stderr.write(`sip-agent: ${message}\n`);
  // Leave no call up on FreeSWITCH: end what is established, then go.
  for (const transaction of transactions.values()) transaction.stop();
  for (const dialog of dialogs.values()) if (!dialog.ended && dialog.remote.includes('tag=')) bye(dialog);
  setTimeout(() => finish(1), 500);
}

function onInvite(invite: SipRequest, from: RemoteInfo): void {
  const callId = header(invite, 'Call-ID');
  const existing = dialogs.get(callId);
  if (existing !== undefined) { // a re-INVITE: our session stays as it is
    existing.remoteTarget = uriOf(header(invite, 'Contact')) || existing.remoteTarget;
    answer(existing, invite, from);
    return;
  }
  if (agent !== undefined) {
    send(response(invite, 486, 'Busy Here', [], '', newId(5)), from);
    return;
  }
  const tag = newId(5);
  const dialog = newDialog({
    name: 'agent call', callId, local: `${header(invite, 'To')};tag=${tag}`, remote: header(invite, 'From'),
    remoteTarget: uriOf(header(invite, 'Contact')), mediaPort: port + 1000,
  });
  agent = dialog;
  send(response(invite, 100, 'Trying'), from);
  send(response(invite, 180, 'Ringing', [], '', tag), from);
  setTimeout(() => {
    if (!dialog.ended) answer(dialog, invite, from, tag);
  }, ringMs);
}

let consultScheduled = false;

function onAck(ackRequest: SipMessage): void {
  const dialog = dialogs.get(header(ackRequest, 'Call-ID'));
  if (dialog === undefined) return;
  dialog.stopAnswer?.();
  dialog.stopAnswer = undefined;
  if (dialog === agent && !consultScheduled) {
    consultScheduled = true;
    setTimeout(values.hold ? hold : placeConsult, talkMs);
  }
}

function placeConsult(): void {
  if (agent === undefined || agent.ended) return;
  const targetUri = `sip:${target}@${fsHost}:${fsPort}`;
  const dialog = newDialog({
    name: 'consult call', callId: `${newId(8)}@${ip}`, local: `<sip:${user}@${ip}:${port}>;tag=${newId(5)}`, remote: `<${targetUri}>`,
    remoteTarget: targetUri, mediaPort: port + 1002,
  });
  consult = dialog;
  invite(dialog, `consult call to ${target}`, () => setTimeout(refer, consultMs), (response) => {
    // The dialog's peer: its tag (in a non-2xx too, which the ACK repeats) and its Contact.
    dialog.remote = header(response, 'To');
    dialog.remoteTarget = uriOf(header(response, 'Contact')) || dialog.remoteTarget;
  });
}

/** Our INVITE in a dialog (a new one, or a re-INVITE): ACKs its final response (after onFinal); then() once it was a 2xx. */
function invite(dialog: Dialog, what: string, then: () => void, onFinal: (final: SipResponse) => void = () => {}): void {
  let answered = false;
  request(dialog, 'INVITE', [['Content-Type', 'application/sdp']], sdp(dialog), (response) => {
    if (response.status < 200) return;
    onFinal(response);
    ack(dialog, response); // also for a retransmitted 200: our ACK was lost
    if (response.status >= 300) {
      if (dialog !== agent) end(dialog);
      fail(`${what}: ${response.status} ${response.reason}`);
    } else if (!answered) {
      answered = true;
      then();
    }
  });
}

function hold(): void {
  if (agent === undefined || agent.ended) return;
  agent.sdpVersion += 1;
  agent.direction = 'sendonly';
  invite(agent, 'hold (re-INVITE)', placeConsult);
}

function refer(): void {
  if (agent === undefined || consult === undefined || agent.ended || consult.ended) return;
  // Replaces names the consult dialog as FreeSWITCH sees it: its to-tag is FreeSWITCH's, its from-tag ours (RFC 3891 3).
  const replaces = `${consult.callId};to-tag=${tagOf(consult.remote)};from-tag=${tagOf(consult.local)}`;
  const referTo = `<sip:${target}@${fsHost}:${fsPort}?Replaces=${encodeURIComponent(replaces)}>`;
  const referredBy = `<sip:${user}@${ip}:${port}>`;
  request(agent, 'REFER', [['Refer-To', referTo], ['Referred-By', referredBy]], '', (response) => {
    if (response.status < 200 || referAccepted) return;
    if (response.status >= 300) {
      fail(`REFER: ${response.status} ${response.reason}`);
      return;
    }
    referAccepted = true;
    setTimeout(() => {
      for (const dialog of dialogs.values()) if (!dialog.ended) bye(dialog);
    }, CLEANUP_AFTER_REFER_MS);
  });
}

function onRequest(message: SipRequest, from: RemoteInfo): void {
  const retransmitted = responsesSent.get(transactionOf(message));
  if (retransmitted !== undefined && message.method !== 'ACK') {
    send(retransmitted, from);
    return;
  }
  const dialog = dialogs.get(header(message, 'Call-ID'));
  switch (message.method) {
    case 'INVITE':
      return onInvite(message, from);
    case 'ACK':
      return onAck(message);
    case 'CANCEL': {
      send(response(message, 200, 'OK'), from);
      if (dialog !== undefined) end(dialog);
      return fail(`FreeSWITCH cancelled the ${dialog?.name ?? 'call'}`);
    }
    case 'BYE': {
      send(response(message, 200, 'OK'), from);
      if (dialog === undefined) return;
      end(dialog);
      if (!referAccepted) fail(`FreeSWITCH ended the ${dialog.name} before the transfer (${header(message, 'Reason') || 'no Reason'})`);
      return;
    }
    case 'NOTIFY': {
      send(response(message, 200, 'OK'), from);
      // The sipfrag is the transfer's progress: a final status >= 300 means it failed (RFC 3515 2.4.5).
      const status = Number(/^SIP\/2\.0 (\d{3})/.exec(message.body)?.[1] ?? 0);
      if (status >= 300) fail(`transfer failed: ${message.body.trim()}`);
      return;
    }
    default:
      send(response(message, 200, 'OK'), from);
  }
}

socket.on('message', (data, from) => {
  const text = data.toString('utf8');
  if (values.log !== undefined) traceMessage(values.log, 'received', text);
  const message = parseMessage(text);
  if (message === undefined) return;
  if (message.kind === 'request') return onRequest(message, from);
  const transaction = transactions.get(branchOf(message));
  if (transaction === undefined) return;
  transaction.stop(); // any answer stops the retransmissions: on loopback the final one follows
  transaction.onResponse(message);
});
socket.on('error', (error) => fail(`socket: ${error.message}`));
// Callers must wait for this line: FreeSWITCH fails an INVITE to a port nobody listens on at once (503).
socket.on('listening', () => process.stdout.write(`sip-agent: listening on ${ip}:${port}\n`));
socket.bind(port, ip);
setTimeout(() => fail(`timed out after ${timeoutMs} ms (agent call: ${state(agent)}, consult call: ${state(consult)}, REFER accepted: ${referAccepted})`), timeoutMs);

function state(dialog: Dialog | undefined): string {
  if (dialog === undefined) return 'none';
  return dialog.ended ? 'ended' : 'up';
}
