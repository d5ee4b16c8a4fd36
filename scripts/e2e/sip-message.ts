// SIP messages for scripts/e2e/sip-agent.ts: parsing what FreeSWITCH sends, writing what the agent sends, and the
// message log in the format of sipp's -trace_msg (so both kinds of trace read alike).
import { appendFileSync } from 'node:fs';

export interface SipRequest { readonly kind: 'request'; readonly method: string; readonly uri: string; readonly headers: Headers; readonly body: string }
export interface SipResponse { readonly kind: 'response'; readonly status: number; readonly reason: string; readonly headers: Headers; readonly body: string }
export type SipMessage = SipRequest | SipResponse;

/** Header lines in arrival order, names as sent; look-ups ignore case and accept compact forms (RFC 3261 7.3.3). */
export type Headers = readonly (readonly [string, string])[];

const COMPACT: Readonly<Record<string, string>> = {
  v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type', r: 'refer-to', b: 'referred-by',
};

const canonical = (name: string): string => {
  const lower = name.toLowerCase();
  return COMPACT[lower] ?? lower;
};

export function headerValues(headers: Headers, name: string): string[] {
  const wanted = canonical(name);
  return headers.filter(([n]) => canonical(n) === wanted).map(([, value]) => value);
}

export function header(message: SipMessage, name: string): string {
  return headerValues(message.headers, name)[0] ?? '';
}

/** A SIP message from a datagram, or undefined when it is not one (keep-alives, garbage). */
export function parseMessage(text: string): SipMessage | undefined {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers: [string, string][] = [];
  for (const line of lines) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last !== undefined) last[1] += ` ${line.trim()}`; // folded line
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(startLine);
  if (response !== null) return { kind: 'response', status: Number(response[1]), reason: response[2] ?? '', headers, body };
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(startLine);
  if (request !== null) return { kind: 'request', method: request[1] ?? '', uri: request[2] ?? '', headers, body };
  return undefined;
}

export function formatMessage(message: SipMessage): string {
  const startLine = message.kind === 'request' ? `${message.method} ${message.uri} SIP/2.0` : `SIP/2.0 ${message.status} ${message.reason}`;
  const headers = message.headers.filter(([name]) => canonical(name) !== 'content-length');
  const lines = [startLine, ...headers.map(([name, value]) => `${name}: ${value}`), `Content-Length: ${Buffer.byteLength(message.body)}`];
  return `${lines.join('\r\n')}\r\n\r\n${message.body}`;
}

/** The tag parameter of a From or To header value ('' when there is none). */
export function tagOf(nameAddr: string): string {
  return /;\s*tag=([^;>\s]+)/i.exec(nameAddr.slice(nameAddr.lastIndexOf('>') + 1))?.[1] ?? '';
}

/** The URI of a Contact (or From/To) header value: inside <>, or the bare URI before its parameters. */
export function uriOf(nameAddr: string): string {
  return /<([^>]*)>/.exec(nameAddr)?.[1] ?? nameAddr.split(';')[0]?.trim() ?? '';
}

/** The numeric CSeq and its method. */
export function cseqOf(message: SipMessage): { readonly number: number; readonly method: string } {
  const [number = '', method = ''] = header(message, 'CSeq').split(/\s+/);
  return { number: Number(number), method };
}

/** Appends one message to a sipp-style -trace_msg log. */
export function traceMessage(file: string, direction: 'sent' | 'received', text: string): void {
  const now = new Date();
  const stamp = `${now.toISOString().slice(0, 10)} ${now.toISOString().slice(11, 23)}000`;
  const size = Buffer.byteLength(text);
  const title = direction === 'sent' ? `UDP message sent (${size} bytes):` : `UDP message received [${size}] bytes :`;
  appendFileSync(file, `----------------------------------------------- ${stamp}\n${title}\n\n${text}\n`);
}
