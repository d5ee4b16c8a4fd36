import { EslDecoder, type EslDecoded } from '../../src/esl/index.js';

/** A comparable plain-data view of decoder output (Maps and Buffers flattened). */
export function summarize(results: readonly EslDecoded[]): unknown[] {
  return results.map((result) => {
    if (!result.ok) return { error: result.error };
    const message = result.message;
    const event = message.kind === 'event' ? { event: [...message.event.headers], body: message.event.body } : {};
    const channelData = message.kind === 'command-reply' && message.channelData ? { channelData: [...message.channelData.headers] } : {};
    return { ...message, headers: message.headers.entries, ...event, ...channelData };
  });
}

export function decodeChunks(chunks: Iterable<Buffer>): EslDecoded[] {
  const decoder = new EslDecoder();
  const out: EslDecoded[] = [];
  for (const chunk of chunks) out.push(...decoder.push(chunk));
  out.push(...decoder.finish());
  return out;
}

export function* bytes(data: Buffer): Generator<Buffer> {
  for (let i = 0; i < data.length; i++) yield data.subarray(i, i + 1);
}

export function decodeAll(data: Buffer | string): EslDecoded[] {
  return decodeChunks([typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);
}
