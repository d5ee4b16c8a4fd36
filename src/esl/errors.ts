/** Decoder problems, returned as values next to the messages so one bad frame never stops the stream. */
export type EslDecodeError =
  /** A header line without `": "`; the frame is dropped, the following frames are decoded normally. */
  | { readonly kind: 'malformed-header'; readonly line: string; readonly message: string }
  /** `Content-Length` is not a decimal byte count; the frame is dropped (its body, if any, cannot be located). */
  | { readonly kind: 'bad-content-length'; readonly value: string; readonly message: string }
  /** A `text/event-json` body that is not a JSON object of strings / string arrays; the frame is dropped. */
  | { readonly kind: 'bad-json'; readonly detail: string; readonly message: string }
  /** `end()` was called with an incomplete frame buffered. */
  | { readonly kind: 'truncated'; readonly bufferedBytes: number; readonly message: string };

export function malformedHeader(line: string): EslDecodeError {
  return {
    kind: 'malformed-header',
    line,
    message: `ESL header line ${JSON.stringify(line)} has no ": " separator; expected "Name: value". Frame dropped, decoding continues with the next frame.`,
  };
}

export function badContentLength(value: string): EslDecodeError {
  return {
    kind: 'bad-content-length',
    value,
    message: `ESL Content-Length ${JSON.stringify(value)} is not a byte count (digits only). Frame dropped; the next bytes are read as a new frame.`,
  };
}

export function badJson(detail: string): EslDecodeError {
  return {
    kind: 'bad-json',
    detail,
    message: `text/event-json body is not a JSON object of string values: ${detail}. Event dropped, decoding continues.`,
  };
}

export function truncated(bufferedBytes: number): EslDecodeError {
  return {
    kind: 'truncated',
    bufferedBytes,
    message: `ESL stream ended inside a frame (${bufferedBytes} bytes buffered); the peer closed mid-message.`,
  };
}

/** EslMessage and EslEvent values never carry a `message` string; decode errors always do. */
export function isDecodeError(value: object): value is EslDecodeError {
  return 'kind' in value && 'message' in value && typeof value.message === 'string';
}
