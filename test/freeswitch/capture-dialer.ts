import net from 'node:net';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { FrameDecoder, type RawFrame } from '../../src/esl/index.js';

/** A frame as bytes again (FreeSWITCH writes `\n` line ends only, so this is byte-exact). */
function frameBytes(frame: RawFrame): Buffer {
  return Buffer.concat([Buffer.from(`${frame.lines.join('\n')}\n\n`, 'utf8'), frame.body ?? Buffer.alloc(0)]);
}

function framesOf(bytes: Buffer): RawFrame[] {
  return new FrameDecoder().push(bytes).flatMap((result) => (result.ok ? [result.frame] : []));
}

const isReply = (frame: RawFrame): boolean => frame.lines.includes('Content-Type: command/reply');

/**
 * What FreeSWITCH answered to each command of a recorded outbound session: the command/reply, then every event
 * or notice it sent before the next reply (events after the last reply go with it).
 */
export function recordedAnswers(fsBytesPath: string): Buffer[] {
  const answers: Buffer[][] = [];
  for (const frame of framesOf(readFileSync(fsBytesPath))) {
    if (isReply(frame) || answers.length === 0) answers.push([]);
    answers[answers.length - 1]?.push(frameBytes(frame));
  }
  return answers.map((parts) => Buffer.concat(parts));
}

/**
 * Plays FreeSWITCH's side of a recorded outbound session against a server: dials it like the `socket` app, answers
 * each command with the next recorded answer, closes after the last one. Resolves with every byte the server sent.
 */
export async function dialWithRecording(port: number, answers: readonly Buffer[]): Promise<Buffer> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const received: Buffer[] = [];
  const decoder = new FrameDecoder();
  let next = 0;
  socket.on('data', (chunk: Buffer) => {
    received.push(chunk);
    for (const result of decoder.push(chunk)) {
      if (!result.ok) continue;
      const answer = answers[next];
      next += 1;
      if (answer !== undefined) socket.write(answer);
      if (next >= answers.length) socket.end();
    }
  });
  const closed = once(socket, 'close', { signal: AbortSignal.timeout(10_000) });
  await closed;
  return Buffer.concat(received);
}
