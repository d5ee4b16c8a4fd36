import { isDecodeError, type EslDecodeError } from './errors.js';
import { FrameDecoder, type FrameResult } from './frame-decoder.js';
import { toMessage, type EslMessage } from './message.js';

export type EslDecoded = { readonly ok: true; readonly message: EslMessage } | { readonly ok: false; readonly error: EslDecodeError };

function classify(result: FrameResult): EslDecoded {
  if (!result.ok) return result;
  const message = toMessage(result.frame);
  return isDecodeError(message) ? { ok: false, error: message } : { ok: true, message };
}

/**
 * Incremental decoder for what FreeSWITCH sends (inbound and outbound sockets alike).
 * `push` any chunking of the stream; messages come out in order, with decode errors as values in place of
 * the frames they concern (framing recovers at the next header block).
 */
export class EslDecoder {
  private readonly frames = new FrameDecoder();

  push(chunk: Buffer): EslDecoded[] {
    return this.frames.push(chunk).map(classify);
  }

  /** Call when the socket closed; reports a half-received frame. */
  finish(): EslDecoded[] {
    return this.frames.finish().map(classify);
  }
}
