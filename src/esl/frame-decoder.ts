import { badContentLength, truncated, type EslDecodeError } from './errors.js';

/** One frame as framed on the wire: header lines (CR stripped, UTF-8) and the Content-Length body bytes. */
export interface RawFrame {
  readonly lines: readonly string[];
  readonly body: Buffer | undefined;
}

export type FrameResult = { readonly ok: true; readonly frame: RawFrame } | { readonly ok: false; readonly error: EslDecodeError };

const LF = 0x0a;
const CR = 0x0d;
const CONTENT_LENGTH = /^content-length:\s*(.*)$/i;

/**
 * Incremental byte-level framer shared by both directions. The header block ends at the first empty line,
 * searched across chunk boundaries; `\r\n` line ends are accepted (clients may send them). Complete lines are
 * consumed as soon as they arrive, so a byte-at-a-time stream costs O(n).
 */
export class FrameDecoder {
  private buf = Buffer.alloc(4096);
  private start = 0;
  private end = 0;
  private scan = 0;
  private lines: string[] = [];
  private bodyLength: number | undefined;

  push(chunk: Buffer): FrameResult[] {
    this.append(chunk);
    const results: FrameResult[] = [];
    for (;;) {
      const result = this.bodyLength === undefined ? this.readHead() : this.readBody(this.bodyLength);
      if (result === undefined) return results;
      if (result !== 'continue') results.push(result);
    }
  }

  /** Call when the peer closed: reports a frame left half-received. */
  finish(): FrameResult[] {
    const buffered = this.end - this.start + this.lines.reduce((n, l) => n + l.length + 1, 0);
    this.reset();
    return buffered > 0 ? [{ ok: false, error: truncated(buffered) }] : [];
  }

  private reset(): void {
    this.start = this.end = this.scan = 0;
    this.lines = [];
    this.bodyLength = undefined;
  }

  private readHead(): FrameResult | 'continue' | undefined {
    const newline = this.buf.subarray(0, this.end).indexOf(LF, this.scan);
    if (newline < 0) {
      this.scan = this.end;
      return undefined;
    }
    const lineEnd = newline > this.start && this.buf[newline - 1] === CR ? newline - 1 : newline;
    const line = this.buf.toString('utf8', this.start, lineEnd);
    this.start = this.scan = newline + 1;
    if (line.length > 0) {
      this.lines.push(line);
      return 'continue';
    }
    if (this.lines.length === 0) return 'continue'; // leading blank lines are ignored, as FreeSWITCH does
    const lengthLine = this.lines.map((l) => CONTENT_LENGTH.exec(l)).find((m) => m !== null);
    const lengthText = lengthLine?.[1]?.trim();
    if (lengthText === undefined || lengthText === '0') return this.emit(undefined);
    if (!/^\d+$/.test(lengthText)) {
      this.lines = [];
      return { ok: false, error: badContentLength(lengthText) };
    }
    this.bodyLength = Number(lengthText);
    return 'continue';
  }

  private readBody(length: number): FrameResult | undefined {
    if (this.end - this.start < length) return undefined;
    const body = Buffer.from(this.buf.subarray(this.start, this.start + length));
    this.start = this.scan = this.start + length;
    this.bodyLength = undefined;
    return this.emit(body);
  }

  private emit(body: Buffer | undefined): FrameResult {
    const frame: RawFrame = { lines: this.lines, body };
    this.lines = [];
    return { ok: true, frame };
  }

  private append(chunk: Buffer): void {
    if (this.end + chunk.length > this.buf.length) {
      const live = this.end - this.start;
      const target = live + chunk.length > this.buf.length / 2 ? Buffer.alloc(Math.max(this.buf.length * 2, live + chunk.length)) : this.buf;
      this.buf.copy(target, 0, this.start, this.end);
      this.buf = target;
      this.scan -= this.start;
      this.end = live;
      this.start = 0;
    }
    chunk.copy(this.buf, this.end);
    this.end += chunk.length;
  }
}
